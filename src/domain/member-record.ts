import { type IsoDate, yearsBetween } from './calendar';
import { ID_CARD_PROBLEM_MESSAGES, type IdCardInfo, idCardConsistency, parseIdCard } from './id-card';
import type { MemberStatus } from './member-status';

/** The party constitution (《中国共产党章程》第一条): members are at least 18 when admitted. */
export const MIN_JOIN_AGE = 18;

export interface MemberRecordInput {
  name: string;
  sex: string;
  ethnicity: string;
  birthDate: IsoDate;
  education?: string | null | undefined;
  idCard: string;
  joinedOn: IsoDate;
  confirmedOn?: IsoDate | null | undefined;
  workStartedOn?: IsoDate | null | undefined;
  jobTitle?: string | null | undefined;
  category: string;
}

export interface Vocabulary {
  ethnicity: readonly string[];
  education: readonly string[];
  category: readonly string[];
  jobTitle: readonly string[];
}

export interface RecordProblem {
  field: keyof MemberRecordInput;
  message: string;
}

/** Field labels as the roster and its Excel template name them. */
export const MEMBER_FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  sex: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  education: '学历',
  idCard: '身份证号',
  phone: '手机号',
  joinedOn: '入党日期',
  confirmedOn: '转正日期',
  workStartedOn: '参加工作日期',
  jobTitle: '职务',
  category: '人员类别',
  note: '备注',
  orgId: '所在支部',
};

/**
 * Checks a roster record against the regulations and the vocabularies; the same function judges the form,
 * the API and every import row, so they all refuse the same things with the same words.
 */
export function checkMemberRecord(
  input: MemberRecordInput,
  vocabulary: Vocabulary,
  today: IsoDate,
): { problems: RecordProblem[]; idCard: IdCardInfo | null } {
  const problems: RecordProblem[] = [];
  const parsed = parseIdCard(input.idCard);
  let idCard: IdCardInfo | null = null;
  if (!parsed.ok) problems.push({ field: 'idCard', message: ID_CARD_PROBLEM_MESSAGES[parsed.problem] });
  else {
    idCard = parsed.info;
    for (const message of idCardConsistency(parsed.info, { birthDate: input.birthDate, sex: input.sex }))
      problems.push({ field: 'idCard', message });
  }
  if (!vocabulary.ethnicity.includes(input.ethnicity))
    problems.push({ field: 'ethnicity', message: `“${input.ethnicity}”不是有效的民族名称（GB/T 3304）` });
  if (input.education && !vocabulary.education.includes(input.education))
    problems.push({ field: 'education', message: `“${input.education}”不在学历字典中` });
  if (input.jobTitle && !vocabulary.jobTitle.includes(input.jobTitle))
    problems.push({ field: 'jobTitle', message: `“${input.jobTitle}”不在职务字典中` });
  if (!vocabulary.category.includes(input.category))
    problems.push({ field: 'category', message: `“${input.category}”不在人员类别字典中` });
  if (input.birthDate > today) problems.push({ field: 'birthDate', message: '出生日期不能晚于今天' });
  if (input.joinedOn > today) problems.push({ field: 'joinedOn', message: '入党日期不能晚于今天' });
  else if (yearsBetween(input.birthDate, input.joinedOn) < MIN_JOIN_AGE)
    problems.push({
      field: 'joinedOn',
      message: `入党时应年满 ${MIN_JOIN_AGE} 周岁（《中国共产党章程》第一条）`,
    });
  if (input.confirmedOn) {
    if (input.confirmedOn <= input.joinedOn)
      problems.push({ field: 'confirmedOn', message: '转正日期应晚于入党日期' });
    if (input.confirmedOn > today) problems.push({ field: 'confirmedOn', message: '转正日期不能晚于今天' });
  }
  if (input.workStartedOn && input.workStartedOn <= input.birthDate)
    problems.push({ field: 'workStartedOn', message: '参加工作日期应晚于出生日期' });
  return { problems, idCard };
}

/** Status follows from the dates: confirmed → 正式党员, otherwise 预备党员. */
export function statusFromDates(confirmedOn: IsoDate | null | undefined): MemberStatus {
  return confirmedOn ? '正式党员' : '预备党员';
}
