import type { App } from 'antd';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

/** Asks before a delete, with the same danger-styled 删除 and 取消 every delete confirmation offers. */
export function confirmDelete(
  modal: ModalApi,
  title: string,
  content: string,
  onDelete: () => Promise<unknown>,
) {
  return modal.confirm({
    title,
    content,
    okText: '删除',
    okButtonProps: { danger: true },
    cancelText: '取消',
    onOk: onDelete,
  });
}
