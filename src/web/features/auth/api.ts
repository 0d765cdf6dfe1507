import type { z } from 'zod';
import type { ZMe, ZSessionInfo } from '../../../server/features/auth/auth.schema';
import { ApiError, http } from '../../app/http';

export type Me = z.infer<typeof ZMe>;
export type SessionInfo = z.infer<typeof ZSessionInfo>;

/** The signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await http.get<Me>('/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const login = (loginName: string, password: string) =>
  http.post<SessionInfo>('/auth/login', { loginName, password });

export const logout = () => http.post<{ ok: true }>('/auth/logout');

export const changePassword = (oldPassword: string, newPassword: string) =>
  http.post<{ ok: true }>('/auth/password', { oldPassword, newPassword });
