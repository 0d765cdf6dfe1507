import { Alert, Col, Form, type FormInstance, Input, Radio, Row, Select, Switch } from 'antd';
import type { ReactNode } from 'react';
import { ID_CARD_PROBLEM_MESSAGES, parseIdCard } from '../../../domain/id-card';
import { MIN_JOIN_AGE } from '../../../domain/member-record';
import { LIMITS } from '../../../shared/limits';
import { DateInput } from '../../components/DateInput';
import { dictionaryOptions, useDictionaries } from '../dictionaries';
import { MEMBER_HOLDING_TYPES, OrgPicker } from '../orgs';
import type { MemberCreateInput, MemberDetail, MemberUpdateInput } from './api';

export interface MemberFormValues {
  orgId?: number;
  name: string;
  sex: '男' | '女';
  ethnicity: string;
  birthDate: string;
  education?: string | null;
  idCard?: string;
  phone?: string | null;
  joinedOn: string;
  confirmedOn?: string | null;
  workStartedOn?: string | null;
  jobTitle?: string | null;
  category: string;
  isFlowing?: boolean;
  flowNote?: string | null;
  note?: string | null;
  /** New records only: the member arrives by 转入 from an org outside Zhibu. */
  arrives?: boolean;
  arrival?: { effectiveDate?: string; counterpartOrg?: string; letterNo?: string | null };
}

export const MEMBER_FORM_FIELDS = [
  'orgId',
  'name',
  'sex',
  'ethnicity',
  'birthDate',
  'education',
  'idCard',
  'phone',
  'joinedOn',
  'confirmedOn',
  'workStartedOn',
  'jobTitle',
  'category',
  'isFlowing',
  'flowNote',
  'note',
] as const;

const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

function common(values: MemberFormValues) {
  return {
    name: values.name.trim(),
    sex: values.sex,
    ethnicity: values.ethnicity,
    birthDate: values.birthDate,
    education: values.education ?? null,
    phone: text(values.phone),
    joinedOn: values.joinedOn,
    confirmedOn: values.confirmedOn ?? null,
    workStartedOn: values.workStartedOn ?? null,
    jobTitle: text(values.jobTitle),
    category: values.category,
    isFlowing: values.isFlowing ?? false,
    flowNote: values.isFlowing ? text(values.flowNote) : null,
    note: text(values.note),
  };
}

export function toCreateInput(values: MemberFormValues): MemberCreateInput {
  const arrival =
    values.arrives && values.arrival
      ? {
          effectiveDate: values.arrival.effectiveDate ?? '',
          counterpartOrg: (values.arrival.counterpartOrg ?? '').trim(),
          letterNo: text(values.arrival.letterNo),
        }
      : undefined;
  return {
    ...common(values),
    orgId: values.orgId as number,
    idCard: (values.idCard ?? '').trim(),
    ...(arrival ? { arrival } : {}),
  };
}

/** An empty 身份证号 on edit keeps the stored one (the form only ever shows it masked). */
export function toUpdateInput(values: MemberFormValues): MemberUpdateInput {
  const idCard = values.idCard?.trim();
  return { ...common(values), ...(idCard ? { idCard } : {}) };
}

export function initialValuesOf(member: MemberDetail): MemberFormValues {
  return {
    name: member.name,
    sex: member.sex as '男' | '女',
    ethnicity: member.ethnicity,
    birthDate: member.birthDate,
    education: member.education,
    phone: member.phone,
    joinedOn: member.joinedOn,
    confirmedOn: member.confirmedOn,
    workStartedOn: member.workStartedOn,
    jobTitle: member.jobTitle,
    category: member.category,
    isFlowing: member.isFlowing,
    flowNote: member.flowNote,
    note: member.note,
  };
}

interface MemberFormProps {
  form: FormInstance<MemberFormValues>;
  onFinish: (values: MemberFormValues) => void;
  /** Editing an existing record (its ID number stays unless retyped). */
  existing?: MemberDetail;
  initialValues?: Partial<MemberFormValues>;
  /** For a new member: the branch preselected in the tree. */
  defaultOrg?: { id: number; name: string; type: (typeof MEMBER_HOLDING_TYPES)[number] } | null;
}

/**
 * The roster record form. Rules mirror the server's (src/domain/member-record.ts, src/shared/validation.ts);
 * the server still judges, and its per-field messages land under the same fields.
 */
export function MemberForm({ form, onFinish, existing, initialValues, defaultOrg }: MemberFormProps) {
  const dictionaries = useDictionaries();
  const entries = dictionaries.data;
  const isFlowing = Form.useWatch('isFlowing', form);
  const arrives = Form.useWatch('arrives', form);

  const onIdCardChange = (raw: string) => {
    const parsed = parseIdCard(raw);
    if (!parsed.ok) return;
    // The birth date and sex are written in the number: fill them in rather than ask twice.
    form.setFieldsValue({ birthDate: parsed.info.birthDate, sex: parsed.info.sex });
  };

  const col = (node: ReactNode, span = 12) => (
    <Col xs={24} sm={span}>
      {node}
    </Col>
  );

  return (
    <Form<MemberFormValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={initialValues ?? { sex: '男', ethnicity: '汉族', category: '在职', isFlowing: false }}
      scrollToFirstError
      data-testid="member-form"
    >
      {dictionaries.isError && (
        <Alert type="warning" showIcon title="字典加载失败，下拉选项可能不全" style={{ marginBottom: 12 }} />
      )}
      <Row gutter={16}>
        {!existing &&
          col(
            <Form.Item
              name="orgId"
              label="所在支部"
              rules={[{ required: true, message: '请选择党员所在的支部或党小组' }]}
            >
              <OrgPicker
                types={MEMBER_HOLDING_TYPES}
                current={defaultOrg ?? null}
                placeholder="输入支部名称查找"
              />
            </Form.Item>,
            24,
          )}
        {col(
          <Form.Item
            name="name"
            label="姓名"
            rules={[
              { required: true, whitespace: true, message: '姓名不能为空' },
              { max: LIMITS.nameMax, message: `姓名不能超过 ${LIMITS.nameMax} 个字` },
            ]}
          >
            <Input />
          </Form.Item>,
        )}
        {col(
          <Form.Item
            name="idCard"
            label="身份证号"
            extra={existing ? `当前：${existing.idCardMasked}，不修改请留空` : '填写后自动带出出生日期和性别'}
            rules={[
              { required: !existing, message: '身份证号不能为空' },
              {
                validator: (_, value: string | undefined) => {
                  if (!value?.trim()) return Promise.resolve();
                  const parsed = parseIdCard(value);
                  return parsed.ok
                    ? Promise.resolve()
                    : Promise.reject(new Error(ID_CARD_PROBLEM_MESSAGES[parsed.problem]));
                },
              },
            ]}
          >
            <Input maxLength={18} onChange={(e) => onIdCardChange(e.target.value)} autoComplete="off" />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="sex" label="性别" rules={[{ required: true, message: '请选择性别' }]}>
            <Radio.Group options={['男', '女']} />
          </Form.Item>,
        )}
        {col(
          <Form.Item
            name="birthDate"
            label="出生日期"
            rules={[{ required: true, message: '请选择出生日期' }]}
          >
            <DateInput notAfterToday />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="ethnicity" label="民族" rules={[{ required: true, message: '请选择民族' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={dictionaryOptions(entries, 'ethnicity', existing?.ethnicity)}
              loading={dictionaries.isPending}
            />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="education" label="学历">
            <Select allowClear options={dictionaryOptions(entries, 'education', existing?.education)} />
          </Form.Item>,
        )}
        {col(
          <Form.Item
            name="phone"
            label="手机号"
            rules={[{ pattern: LIMITS.phone, message: '手机号应为 11 位数字，以 1 开头' }]}
          >
            <Input maxLength={11} inputMode="numeric" />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="category" label="人员类别" rules={[{ required: true, message: '请选择人员类别' }]}>
            <Select options={dictionaryOptions(entries, 'category', existing?.category)} />
          </Form.Item>,
        )}
        {col(
          <Form.Item
            name="joinedOn"
            label="入党日期"
            extra={`被接收为预备党员的日期，入党时应年满 ${MIN_JOIN_AGE} 周岁`}
            rules={[{ required: true, message: '请选择入党日期' }]}
          >
            <DateInput notAfterToday />
          </Form.Item>,
        )}
        {col(
          <Form.Item
            name="confirmedOn"
            label="转正日期"
            extra="预备党员留空；填写即为正式党员"
            dependencies={['joinedOn']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: string | null | undefined) => {
                  const joined = getFieldValue('joinedOn') as string | undefined;
                  return !value || !joined || value > joined
                    ? Promise.resolve()
                    : Promise.reject(new Error('转正日期应晚于入党日期'));
                },
              }),
            ]}
          >
            <DateInput notAfterToday />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="workStartedOn" label="参加工作日期">
            <DateInput notAfterToday />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="jobTitle" label="职务" rules={[{ max: 30, message: '职务不能超过 30 个字' }]}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={dictionaryOptions(entries, 'jobTitle', existing?.jobTitle)}
            />
          </Form.Item>,
        )}
        {col(
          <Form.Item name="isFlowing" label="流动党员" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>,
        )}
        {isFlowing &&
          col(
            <Form.Item name="flowNote" label="流动情况" rules={[{ max: LIMITS.noteMax }]}>
              <Input placeholder="流向地、联系方式等" />
            </Form.Item>,
          )}
        {!existing &&
          col(
            <Form.Item
              name="arrives"
              label="来源"
              valuePropName="checked"
              extra="从其他党组织转来的党员：档案从转入之日记起"
            >
              <Switch checkedChildren="转入" unCheckedChildren="本支部接收" />
            </Form.Item>,
          )}
        {!existing && arrives && (
          <>
            {col(
              <Form.Item
                name={['arrival', 'effectiveDate']}
                label="转入日期"
                rules={[{ required: true, message: '请选择转入日期' }]}
              >
                <DateInput notAfterToday />
              </Form.Item>,
            )}
            {col(
              <Form.Item
                name={['arrival', 'counterpartOrg']}
                label="原所在党组织"
                rules={[
                  { required: true, whitespace: true, message: '请填写转出的党组织' },
                  { max: LIMITS.orgNameMax },
                ]}
              >
                <Input placeholder="介绍信上的转出党组织" />
              </Form.Item>,
            )}
            {col(
              <Form.Item name={['arrival', 'letterNo']} label="介绍信编号" rules={[{ max: 50 }]}>
                <Input />
              </Form.Item>,
            )}
          </>
        )}
        {col(
          <Form.Item
            name="note"
            label="备注"
            rules={[{ max: LIMITS.noteMax, message: `备注不能超过 ${LIMITS.noteMax} 个字` }]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>,
          24,
        )}
      </Row>
    </Form>
  );
}
