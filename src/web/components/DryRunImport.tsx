import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import { Button, type UploadProps } from 'antd';
import { useState } from 'react';
import { ApiError, type ApiFieldError, errorMessage } from '../app/http';

/** What the last run said: its result, or the refusal with every bad row. */
export type ImportOutcome<R> =
  | { kind: 'ok'; result: R }
  | { kind: 'refused'; message: string; errors: ApiFieldError[] }
  | null;

/**
 * An all-or-nothing import with a dry run (the roster, the dues bases): `run.mutate(true)` checks the chosen
 * file, `run.mutate(false)` writes it. A refusal becomes the outcome (the dialog lists its rows), so the
 * mutation handles its own error; after a real import the file is cleared and `onImported` refreshes and says so.
 * `chooser` holds the one .xlsx file for an `Upload.Dragger` (choosing one forgets the last outcome).
 */
export function useDryRunImport<R extends { dryRun: boolean }>(
  send: (file: File, dryRun: boolean) => Promise<R>,
  onImported: (result: R) => Promise<void>,
) {
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome<R>>(null);
  const run = useMutation({
    mutationFn: (dryRun: boolean) => send(file as File, dryRun),
    meta: { handlesError: true },
    onSuccess: async (result) => {
      setOutcome({ kind: 'ok', result });
      if (!result.dryRun) {
        setFile(null);
        await onImported(result);
      }
    },
    onError: (error) =>
      setOutcome({
        kind: 'refused',
        message: errorMessage(error),
        errors: error instanceof ApiError ? error.errors : [],
      }),
  });
  const chooser: UploadProps = {
    accept: '.xlsx',
    maxCount: 1,
    beforeUpload: (chosen) => {
      setFile(chosen);
      setOutcome(null);
      return false;
    },
    onRemove: () => setFile(null),
    fileList: file ? [{ uid: 'file', name: file.name, status: 'done' }] : [],
  };
  return { file, outcome, setOutcome, run, chooser };
}

/**
 * The dialog's 仅检查 and 导入 buttons, each loading while its own run is under way. A function, not a
 * component: its fragment stands in the footer's `Space` as two items, spaced like the buttons beside them.
 */
export function dryRunButtons(
  run: UseMutationResult<unknown, Error, boolean>,
  ready: boolean,
  submitTestId?: string,
) {
  return (
    <>
      <Button
        disabled={!ready}
        loading={run.isPending && run.variables === true}
        onClick={() => run.mutate(true)}
      >
        仅检查
      </Button>
      <Button
        type="primary"
        disabled={!ready}
        loading={run.isPending && run.variables === false}
        onClick={() => run.mutate(false)}
        data-testid={submitTestId}
      >
        导入
      </Button>
    </>
  );
}
