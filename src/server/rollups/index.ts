// Subtree rollups, one engine: a module defines its rollup table once (keys, measures, own counts, the facts
// a rebuild derives it from) and gets ancestor upserts in key order, org-move handling and a rebuild.
export {
  ancestorsLateral,
  defineRollup,
  type RollupDeltaOf,
  type RollupRowOf,
  type RollupSource,
} from './rollup';
