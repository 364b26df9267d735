// The search benchmark's fixed query set (typos, Chinese, mixed scripts, long), shared by
// scripts/bench-search.mjs, scripts/bench/score-bound.test.ts and src/search/shards.test.ts.

/** @type {{ kind: string, q: string }[]} */
export const QUERIES = [
  { kind: 'typo', q: 'Ralley' },
  { kind: 'typo', q: 'superusr' },
  { kind: 'typo', q: 'vRealise' },
  { kind: 'exact', q: 'Keating' },
  { kind: 'Chinese', q: '升级' },
  { kind: 'Chinese', q: '容器' },
  { kind: 'Chinese', q: '虚拟机迁移' },
  { kind: 'Chinese 1 char', q: '云' },
  { kind: 'mixed', q: 'vmware 集群' },
  { kind: 'mixed', q: 'OpenStack升级' },
  { kind: 'mixed', q: 'Jesse Keating' },
  { kind: 'long', q: 'Integrated OpenStack certification at Scale upgrade Havana Juno' },
  { kind: 'long', q: '部署工具的原有功能的回归测试 Rally SLA' },
];
