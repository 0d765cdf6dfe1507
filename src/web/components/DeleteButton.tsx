import { App, Button } from 'antd';
import { confirmDelete } from './confirm-delete';

/** A table row's small 删除 that asks first (`confirmDelete`), then runs `onDelete`. */
export function DeleteButton({
  title,
  content,
  onDelete,
}: {
  title: string;
  content: string;
  onDelete: () => Promise<unknown>;
}) {
  const { modal } = App.useApp();
  return (
    <Button size="small" danger onClick={() => confirmDelete(modal, title, content, onDelete)}>
      删除
    </Button>
  );
}
