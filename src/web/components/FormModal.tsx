import { App, Form, type FormInstance, Modal, Skeleton } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { errorMessage } from '../app/http';
import { showFieldErrors } from './form-errors';
import { type ActionOptions, useAction } from './useAction';

/**
 * One saving mutation for a form (`useAction` with field errors): on success it invalidates what the save
 * changed, says so, and calls `onSaved`; on failure it puts the server's per-field problems under their
 * fields, or shows the message.
 */
export function useSave<V, R>({
  form,
  fields,
  save,
  success,
  onSaved,
  fieldsHint,
  onProblem,
  ...effects
}: Omit<ActionOptions<V, R>, 'run' | 'success' | 'onDone' | 'onError'> & {
  /** The form the problems go under (its values may differ from what `save` takes). */
  form: FormInstance;
  /** The form's field names that the server may name in its problems. */
  fields: readonly string[];
  save: (values: V) => Promise<R>;
  success: string | ((result: R, values: V) => string);
  onSaved?: (result: R, values: V) => void;
  /** Also said as a message when the problems went under their fields (a long form). */
  fieldsHint?: string;
  /** Shows a problem no field carries (an alert in the dialog); a message by default. */
  onProblem?: (text: string) => void;
}) {
  const { message } = App.useApp();
  return useAction({
    ...effects,
    run: save,
    success,
    onDone: onSaved,
    onError: (e) => {
      if (showFieldErrors(form, e, fields)) {
        if (fieldsHint) void message.error(fieldsHint);
      } else if (onProblem) onProblem(errorMessage(e));
      else void message.error(errorMessage(e));
    },
  });
}

/**
 * A dialog around one form. The form is rendered only with its initial values (`initialValues` undefined
 * means they are still loading: a skeleton shows instead), so no field ever takes input that the record's
 * values would then overwrite; and 保存 stays disabled until the form's fields are mounted, so a click
 * made before the form exists is never silently lost.
 */
export function FormModal<V extends object>({
  title,
  form,
  initialValues,
  saving,
  onSubmit,
  onClose,
  width,
  okText = '保存',
  danger,
  testId,
  before,
  onValuesChange,
  children,
}: {
  title: ReactNode;
  form: FormInstance<V>;
  initialValues: Partial<V> | undefined;
  saving: boolean;
  onSubmit: (values: V) => void;
  onClose: () => void;
  width?: number;
  okText?: string;
  /** The confirm button in red: the form undoes something (a dissolution). */
  danger?: boolean;
  testId?: string;
  /** Shown above the form once its values are there (an explanation, a warning). */
  before?: ReactNode;
  /** Called on every edit (to clear the dialog's own alert of the last refusal). */
  onValuesChange?: () => void;
  children: ReactNode;
}) {
  const [mounted, setMounted] = useState(false);
  const loading = initialValues === undefined;
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText}
      okButtonProps={{ disabled: loading || !mounted, danger }}
      confirmLoading={saving}
      width={width}
      data-testid={testId}
    >
      {loading ? (
        <Skeleton active />
      ) : (
        <>
          {before}
          <Form<V>
            form={form}
            layout="vertical"
            initialValues={initialValues}
            onFinish={onSubmit}
            onValuesChange={onValuesChange}
          >
            {children}
            <Mounted onMount={() => setMounted(true)} />
          </Form>
        </>
      )}
    </Modal>
  );
}

/** Its effect runs after the fields before it have mounted and registered with the form. */
function Mounted({ onMount }: { onMount: () => void }) {
  useEffect(() => onMount(), [onMount]);
  return null;
}
