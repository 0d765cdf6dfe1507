// The scope kit: who may touch which orgs (Scope), the SQL of subtrees and of the active roster, and the
// loaders of a covered org or member. Every org-data query in the server goes through it.
export { authorize, Scope } from './scope';
export {
  inSubtree,
  isActiveMember,
  isAncestorOrSelf,
  isInactiveMember,
  onPathOrInSubtree,
  onPathTo,
} from './subtree';
