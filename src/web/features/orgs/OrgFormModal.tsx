import { Form, Input, InputNumber, Modal, Select } from 'antd';
import {
  ALLOWED_CHILDREN,
  MAX_TERM_EXTENSION_MONTHS,
  type OrgType,
  TERM_YEARS,
} from '../../../domain/org-rules';
import { LIMITS } from '../../../shared/limits';
import { DateInput } from '../../components/DateInput';
import { useSave } from '../../components/FormModal';
import { createOrg, type OrgDetail, orgKeys, updateOrg } from './api';

interface OrgFormValues {
  type?: OrgType;
  name: string;
  shortName?: string | null;
  unitName?: string | null;
  establishedOn?: string | null;
  termStart?: string | null;
  termExtensionMonths?: number | null;
  sortOrder?: number | null;
}

const FIELDS = [
  'type',
  'name',
  'shortName',
  'unitName',
  'establishedOn',
  'termStart',
  'termExtensionMonths',
  'sortOrder',
];

type Props =
  | { mode: 'create'; parent: OrgDetail; onClose: (createdId?: number) => void }
  | { mode: 'edit'; org: OrgDetail; onClose: (createdId?: number) => void };

const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** Creates a child org under `parent`, or edits an org's identity and term. */
export function OrgFormModal(props: Props) {
  const [form] = Form.useForm<OrgFormValues>();
  const type = Form.useWatch('type', form);
  const editing = props.mode === 'edit' ? props.org : null;
  const childTypes = props.mode === 'create' ? ALLOWED_CHILDREN[props.parent.type] : [];
  const effectiveType = editing?.type ?? type;
  const hasTerm = effectiveType ? TERM_YEARS[effectiveType] !== null : true;

  const save = useSave({
    form,
    fields: FIELDS,
    save: (values: OrgFormValues) => {
      const common = {
        name: values.name.trim(),
        shortName: blankToNull(values.shortName),
        unitName: blankToNull(values.unitName),
        establishedOn: values.establishedOn ?? null,
        termStart: values.termStart ?? null,
        termExtensionMonths: values.termExtensionMonths ?? 0,
        sortOrder: values.sortOrder ?? 0,
      };
      if (props.mode === 'edit') return updateOrg(props.org.id, common);
      return createOrg({ ...common, parentId: props.parent.id, type: values.type as OrgType });
    },
    invalidate: [orgKeys.all],
    waitForRefresh: true,
    success: (org) => (props.mode === 'edit' ? '已保存' : `已新建“${org.name}”`),
    onSaved: (org) => props.onClose(props.mode === 'create' ? org.id : undefined),
  });

  return (
    <Modal
      open
      title={props.mode === 'edit' ? `编辑组织：${props.org.name}` : `在“${props.parent.name}”下新建组织`}
      okText="保存"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={() => props.onClose()}
      width={560}
    >
      <Form<OrgFormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => save.mutate(values)}
        initialValues={
          editing
            ? {
                name: editing.name,
                shortName: editing.shortName,
                unitName: editing.unitName,
                establishedOn: editing.establishedOn,
                termStart: editing.termStart,
                termExtensionMonths: editing.termExtensionMonths,
                sortOrder: editing.sortOrder,
              }
            : {
                type: childTypes.includes('党支部') ? '党支部' : childTypes[0],
                termExtensionMonths: 0,
                sortOrder: 0,
              }
        }
      >
        {props.mode === 'create' && (
          <Form.Item name="type" label="组织类型" rules={[{ required: true, message: '请选择组织类型' }]}>
            <Select options={childTypes.map((t) => ({ value: t, label: t }))} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label="组织名称"
          rules={[
            { required: true, whitespace: true, message: '请填写组织名称' },
            { max: LIMITS.orgNameMax, message: `组织名称不能超过 ${LIMITS.orgNameMax} 个字` },
          ]}
        >
          <Input placeholder="如：中共青川市财政局机关第一支部委员会" />
        </Form.Item>
        <Form.Item name="shortName" label="简称" rules={[{ max: 20, message: '简称不能超过 20 个字' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="unitName" label="所在单位" rules={[{ max: LIMITS.orgNameMax }]}>
          <Input />
        </Form.Item>
        <Form.Item name="establishedOn" label="成立日期">
          <DateInput notAfterToday />
        </Form.Item>
        {hasTerm && (
          <>
            <Form.Item
              name="termStart"
              label="本届任期开始日期"
              extra={
                effectiveType ? `任期 ${TERM_YEARS[effectiveType]} 年，届满前 6 个月提醒换届` : undefined
              }
            >
              <DateInput notAfterToday />
            </Form.Item>
            <Form.Item
              name="termExtensionMonths"
              label="经批准延期（月）"
              extra={`延期不超过 ${MAX_TERM_EXTENSION_MONTHS} 个月（《中国共产党基层组织选举工作条例》）`}
            >
              <InputNumber min={0} max={MAX_TERM_EXTENSION_MONTHS} precision={0} style={{ width: 160 }} />
            </Form.Item>
          </>
        )}
        <Form.Item name="sortOrder" label="排序号" extra="数字小的排在前面">
          <InputNumber min={0} max={99999} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
