import type { App } from 'antd';

type MessageApi = ReturnType<typeof App.useApp>['message'];

/**
 * The antd message API of the running <App>, so code outside components (the query client's global
 * error handler) can show messages that follow the app's locale and theme.
 */
let current: MessageApi | null = null;

export function setMessageApi(api: MessageApi | null): void {
  current = api;
}

export function showError(text: string): void {
  void current?.error(text);
}
