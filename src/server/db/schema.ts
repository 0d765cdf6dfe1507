/** Every table, gathered for Drizzle and drizzle-kit. Each is defined beside the feature that owns it. */
export * from '../features/audit/audit.table';
export * from '../features/auth/auth.table';
export * from '../features/dictionaries/dictionaries.table';
export * from '../features/dues/dues.table';
export * from '../features/inbox/inbox.table';
export * from '../features/members/members.table';
export * from '../features/org-life/meetings.table';
export * from '../features/orgs/orgs.table';
export * from '../features/study/study.table';
export * from '../jobs/jobs.table';
