import { Checkbox, Space } from 'antd';

/**
 * A list of checkboxes for a form field holding the chosen values, in the options' order. Each box is checked
 * from the field's value and a click changes the value at once. antd's Checkbox.Group keeps a copy of the value
 * and a register of its boxes, both updated in effects after a render: a click that lands on a box in the
 * moment after the options arrive is dropped (seen in the browser tests under load), and a user on a slow
 * machine would lose the tick the same way.
 */
export function CheckList<T extends string | number>({
  options,
  value,
  onChange,
  disabled,
  testId,
}: {
  options: readonly { value: T; label: string }[];
  value?: readonly T[] | undefined;
  onChange?: (value: T[]) => void;
  disabled?: boolean;
  testId?: string;
}) {
  const chosen = new Set(value ?? []);
  const toggle = (option: T, checked: boolean) => {
    const next = new Set(chosen);
    if (checked) next.add(option);
    else next.delete(option);
    onChange?.(options.map((o) => o.value).filter((v) => next.has(v)));
  };
  return (
    <Space wrap size={[8, 4]} role="group" data-testid={testId}>
      {options.map((o) => (
        <Checkbox
          key={String(o.value)}
          checked={chosen.has(o.value)}
          disabled={disabled}
          onChange={(e) => toggle(o.value, e.target.checked)}
        >
          {o.label}
        </Checkbox>
      ))}
    </Space>
  );
}
