import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import {
  addMonthKeys,
  BACK_PAYMENT_MONTHS,
  LARGE_VOLUNTARY_FEN,
  monthLabel,
  monthsBetween,
  prepayLimit,
} from '../../../domain/dues';
import { ApiError, errorMessage } from '../../app/http';
import { useToday } from '../../app/today';
import { DateInput } from '../../components/DateInput';
import { FormModal } from '../../components/FormModal';
import { useAction } from '../../components/useAction';
import { duesKeys, recordPayment } from './api';
import { MonthInput, toFen, yuan } from './display';

export interface PaymentTarget {
  memberId: number;
  name: string;
  /** Months to prefill with what is owed (none when the member owes nothing: prepayment or an extra). */
  lines: { month: string; owedFen: number }[];
  /**
   * Whether the branch allows quarterly prepayment, with the member's monthly amount as last computed to
   * prefill prepaid months with; left out where prepayment is beside the point (paying arrears).
   */
  prepay?: { allowed: boolean; monthlyFen: number };
}

interface FormValues {
  paidOn: string;
  lines: { month: string; amount: number | null }[];
  voluntary: number | null;
  branchDecision?: string;
  note?: string;
}

/**
 * One payment: the months paid (the amount owed is filled in; a smaller amount is a partial payment),
 * back payments (more than six months back need the branch's decision), prepayment where the branch allows
 * it, and any voluntary extra. The server judges everything and writes nothing unless all is well.
 */
export function PaymentModal({ target, onClose }: { target: PaymentTarget; onClose: () => void }) {
  const today = useToday();
  const [form] = Form.useForm<FormValues>();
  const paidOn = Form.useWatch('paidOn', form) ?? today;
  const lines = Form.useWatch('lines', form) ?? [];
  const voluntary = toFen(Form.useWatch('voluntary', form)) ?? 0;
  const paidMonth = paidOn.slice(0, 7);
  const needsDecision = lines.some(
    (l) => l?.month && monthsBetween(l.month, paidMonth) > BACK_PAYMENT_MONTHS,
  );
  const total = lines.reduce((s, l) => s + (toFen(l?.amount) || 0), 0) + (voluntary || 0);
  const prepayUntil = prepayLimit(paidMonth);
  /** Adds the months after the latest one listed (and after this month) up to the prepayment limit. */
  const addPrepayment = () => {
    const current = (form.getFieldValue('lines') as FormValues['lines'] | undefined) ?? [];
    const latest = current.reduce((m, l) => (l?.month && l.month > m ? l.month : m), paidMonth);
    const added = [];
    for (let m = addMonthKeys(latest, 1); m <= prepayUntil; m = addMonthKeys(m, 1))
      added.push({ month: m, amount: Number(yuan(target.prepay?.monthlyFen ?? 0)) });
    form.setFieldValue('lines', [...current, ...added]);
    setServerError(null);
  };

  const [serverError, setServerError] = useState<string | null>(null);
  const save = useAction({
    run: (values: FormValues) =>
      recordPayment({
        memberId: target.memberId,
        paidOn: values.paidOn,
        lines: (values.lines ?? []).map((l) => ({ month: l.month, amountFen: toFen(l.amount) as number })),
        voluntaryFen: toFen(values.voluntary) ?? 0,
        branchDecision: values.branchDecision || null,
        note: values.note || null,
      }),
    invalidate: [duesKeys.all],
    waitForRefresh: true,
    success: (p) => `已登记${target.name}交纳 ${yuan(p.duesFen + p.voluntaryFen)} 元`,
    onDone: onClose,
    onError: (error) => {
      setServerError(errorMessage(error));
      if (error instanceof ApiError && error.errors.length) {
        const fields = error.errors.flatMap((e) => {
          const m = /^lines\.(\d+)\.(month|amountFen)$/.exec(e.path);
          if (m)
            return [
              { name: ['lines', Number(m[1]), m[2] === 'month' ? 'month' : 'amount'], errors: [e.message] },
            ];
          if (e.path === 'branchDecision' || e.path === 'paidOn')
            return [{ name: [e.path], errors: [e.message] }];
          return [];
        });
        if (fields.length) form.setFields(fields as never);
      }
    },
  });

  return (
    <FormModal<FormValues>
      title={`登记交纳 · ${target.name}`}
      okText="登记"
      width={560}
      form={form}
      initialValues={{
        paidOn: today,
        lines: target.lines.map((l) => ({ month: l.month, amount: Number(yuan(l.owedFen)) })),
        voluntary: null,
      }}
      saving={save.isPending}
      onSubmit={(v) => save.mutate(v)}
      onValuesChange={() => setServerError(null)}
      onClose={onClose}
    >
      {serverError && <Alert type="error" showIcon title={serverError} style={{ marginBottom: 16 }} />}
      {target.lines.length === 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${target.name}所选月份已交清。可登记自愿多交${target.prepay?.allowed ? '，或按季度预交以后月份' : ''}；补交其他月份请添加月份。`}
        />
      )}
      <Form.Item name="paidOn" label="交纳日期" rules={[{ required: true, message: '请选择交纳日期' }]}>
        <DateInput notAfterToday allowClear={false} />
      </Form.Item>
      <div>
        <Typography.Text strong>交纳月份与金额（元）</Typography.Text>
      </div>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" style={{ display: 'flex', marginTop: 8 }}>
                <Form.Item name={[field.name, 'month']} rules={[{ required: true, message: '请选择月份' }]}>
                  <MonthInput />
                </Form.Item>
                <Form.Item name={[field.name, 'amount']} rules={[{ required: true, message: '请填写金额' }]}>
                  <InputNumber min={0.01} precision={2} step={1} style={{ width: 140 }} suffix="元" />
                </Form.Item>
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  {(() => {
                    const m = lines[field.name]?.month;
                    if (!m) return '';
                    if (m < paidMonth) return `补交（${monthsBetween(m, paidMonth)} 个月前）`;
                    if (m > paidMonth) return '预交';
                    return '当月';
                  })()}
                </Typography.Text>
                <MinusCircleOutlined onClick={() => remove(field.name)} aria-label="移除该月" />
              </Space>
            ))}
            <Space wrap style={{ marginTop: fields.length ? 0 : 8 }}>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ month: paidMonth, amount: null })}
              >
                添加月份
              </Button>
              {target.prepay?.allowed ? (
                <Button type="dashed" icon={<PlusOutlined />} onClick={addPrepayment}>
                  按季度预交至{monthLabel(prepayUntil)}
                </Button>
              ) : (
                target.prepay && (
                  <Typography.Text type="secondary">
                    本支部未开通按季度预交（可在“设置”中开通）
                  </Typography.Text>
                )
              )}
            </Space>
          </>
        )}
      </Form.List>
      <Form.Item name="voluntary" label="自愿多交（元）" style={{ marginTop: 16 }}>
        <InputNumber min={0} precision={2} style={{ width: 180 }} suffix="元" />
      </Form.Item>
      {voluntary >= LARGE_VOLUNTARY_FEN && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="一次性自愿多交 1000 元以上，按规定全额上缴"
        />
      )}
      <Form.Item
        name="branchDecision"
        label="支部决定"
        extra={`补交超过 ${BACK_PAYMENT_MONTHS} 个月的党费须有支部决定，如“2026年11月18日支委会研究同意”`}
        rules={needsDecision ? [{ required: true, message: '补交超过 6 个月须填写支部决定' }] : []}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input maxLength={200} />
      </Form.Item>
      <Typography.Text>
        本次合计 <Typography.Text strong>{yuan(total)}</Typography.Text> 元
        {lines.length > 0 &&
          `（${lines
            .filter((l) => l?.month)
            .map((l) => monthLabel(l.month))
            .join('、')}）`}
      </Typography.Text>
    </FormModal>
  );
}
