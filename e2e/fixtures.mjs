/**
 * Records a scenario needs but does not test, made through the API the way the web makes them, so each
 * scenario starts from the demo data plus what it creates itself. What a scenario does test, it still does
 * through the UI.
 */
import { app, expect, PASSWORD, shanghaiNow } from './lib.mjs';

/** An API session: every call is checked, and mutating ones carry the CSRF header as the web's http.ts does. */
function session(page, csrf) {
  const call = async (method, path, data) => {
    const res = await page.request.fetch(`${app.base}/api/v1${path}`, {
      method,
      data,
      headers: method === 'GET' ? {} : { 'x-csrf-token': csrf },
    });
    expect(res.ok(), `${method} ${path} 返回 ${res.status()}：${await res.text()}`);
    return res.json();
  };
  return {
    get: (path) => call('GET', path),
    post: (path, data) => call('POST', path, data ?? {}),
    patch: (path, data) => call('PATCH', path, data),
    put: (path, data) => call('PUT', path, data),
    /** Ends the session, so the page's own login form is shown again (it sends a logged-in user away). */
    logout: () => call('POST', '/auth/logout'),
  };
}

/**
 * Logs in through `page.request` (the page's context shares the cookie). Without `loginName`, uses the
 * session the page already has (after a UI login), which costs no login.
 */
export async function apiSession(page, loginName, password = PASSWORD) {
  if (!loginName) {
    const me = await (await page.request.get(`${app.base}/api/v1/auth/me`)).json();
    return { ...session(page, me.csrfToken), me };
  }
  const res = await page.request.post(`${app.base}/api/v1/auth/login`, { data: { loginName, password } });
  expect(res.ok(), `以 ${loginName} 登录返回 ${res.status()}：${await res.text()}`);
  const { csrfToken } = await res.json();
  const api = session(page, csrfToken);
  return { ...api, me: await api.get('/auth/me') };
}

/** Runs `body` with an API session as `loginName`, then logs out so the scenario's UI login starts clean. */
export async function asUser(page, loginName, body, password = PASSWORD) {
  const api = await apiSession(page, loginName, password);
  try {
    return await body(api);
  } finally {
    await api.logout();
  }
}

/** The org a secretary's session is secretary of. */
export function secretaryOrg(api) {
  const role = api.me.roles.find((r) => r.role === 'secretary');
  expect(role, `${api.me.displayName} 没有支部书记角色`);
  return role;
}

// ---------------------------------------------------------------------------------------------------------
// Org life

export const hhmm = (minutes) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * Plans a 支部党员大会 of the secretary's branch today, around now, so its sign-in window (30 minutes before
 * the start to the end) is open. Returns the meeting's detail.
 */
export async function planMeeting(api, { title, orgId = secretaryOrg(api).orgId }) {
  const now = shanghaiNow();
  return api.post('/meetings', {
    orgId,
    status: 'planned',
    types: ['支部党员大会'],
    title,
    date: now.date,
    startTime: hhmm(Math.max(0, now.minutes - 10)),
    endTime: hhmm(Math.min(23 * 60 + 59, now.minutes + 90)),
    place: '机关三楼党员活动室',
    hostName: api.me.displayName,
    agenda: '一、传达学习上级文件精神；二、讨论本季度工作',
  });
}

/** Records a 支部党员大会 held earlier today, everyone expected present. */
export async function recordHeldMeeting(api, { title, orgId = secretaryOrg(api).orgId }) {
  const date = shanghaiNow().date;
  const expected = await api.get(
    `/meetings/expected?orgId=${orgId}&date=${date}&types=${encodeURIComponent('支部党员大会')}`,
  );
  return api.post('/meetings', {
    orgId,
    status: 'held',
    types: ['支部党员大会'],
    title,
    date,
    startTime: '08:00',
    endTime: '09:00',
    place: '机关三楼党员活动室',
    hostName: api.me.displayName,
    minutes: '与会党员逐一发言。',
    attendance: expected.attendees.map((p) => ({ memberId: p.memberId, attendance: 'present' })),
  });
}

// ---------------------------------------------------------------------------------------------------------
// Roster and accounts

/** GB 11643 check character (the same algorithm as checkCharacter in src/domain/id-card.ts). */
function checkCharacter(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
  return '10X98765432'[sum % 11];
}

/**
 * A valid ID number for a birth date and sex (region 110101 never occurs in the demo data). Scenarios use
 * different `seq`s, so no two of them make the same person.
 */
export function idCard(birth, seq, sex) {
  const order = String(seq * 2 + (sex === '男' ? 1 : 0)).padStart(3, '0');
  const first17 = `110101${birth.replaceAll('-', '')}${order}`;
  return first17 + checkCharacter(first17);
}

/** Adds a member to the secretary's branch; `seq` keeps the ID number unique to the scenario. */
export async function createMember(api, { name, seq, phone, sex = '男', birthDate = '1988-05-16' }) {
  return api.post('/members', {
    orgId: secretaryOrg(api).orgId,
    name,
    sex,
    ethnicity: '汉族',
    birthDate,
    education: '大学本科',
    idCard: idCard(birthDate, seq, sex),
    phone: phone ?? null,
    joinedOn: '2012-07-01',
    confirmedOn: '2013-07-01',
    workStartedOn: '2009-07-01',
    jobTitle: '科员',
    category: '在职',
    note: '浏览器测试',
  });
}

/** Opens an account for a member; returns { accountId, loginName, initialPassword }. */
export const openAccount = (api, memberId, loginName) => api.post('/accounts', { memberId, loginName });
