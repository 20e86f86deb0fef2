/**
 * marts.roi_by_group: the ROI of marts.roi_by_period for each cohort and each department
 * (the roster's own values; an ambassador without one is in "(not set)"), per month,
 * quarter and the program to date and per attribution model. A group's value and cost
 * are its ambassadors' (their EMV, credited outcomes, own costs, time and share of the
 * program-wide costs, see value_components); costs no ambassador carries belong to no
 * group, so the groups' costs add up to slightly less than the program's. A group's
 * "program" period runs from its own first month. The 90% interval is a bootstrap over
 * the group's ambassadors, seeded like the program's.
 */
import type { TsModelDefinition } from '../runner.ts';
import { COMPONENTS_QUERY, ROI_INTERVAL_LEVEL, roiRowsOfScopes } from './roi_by_period.model.ts';
import { PROGRAM_UNIT, roiColumns, type ComponentColumns, type RoiOptions, type RoiRow } from '../lib/statistics/roi-table.ts';
import { dayDate, writeRows, type Column } from '../lib/table.ts';

export const ROI_GROUP_DIMENSIONS = ['cohort', 'department'] as const;
type Dimension = (typeof ROI_GROUP_DIMENSIONS)[number];

type GroupRoiRow = RoiRow & { dimension: Dimension; group_name: string };

export const model: TsModelDefinition = {
  grain: 'one row per dimension (cohort, department), group, period, period start and attribution model',
  key: ['dimension', 'group_name', 'period', 'period_start', 'model'],
  dependsOn: ['marts.value_components', 'meta.settings'],
  tests: [
    { kind: 'accepted_values', column: 'period', values: ['month', 'quarter', 'program'] },
    { kind: 'accepted_values', column: 'dimension', values: [...ROI_GROUP_DIMENSIONS] },
  ],
  async build({ warehouse, config }, table) {
    const components = (await warehouse.columns(COMPONENTS_QUERY)) as unknown as ComponentColumns & Record<Dimension, (string | null)[]>;
    const settings = await warehouse.one<{ default_model: string }>(`select default_model from meta.settings`);
    const scopes: { dimension: Dimension; group: string; rows: number[]; options: RoiOptions }[] = [];
    for (const dimension of ROI_GROUP_DIMENSIONS) {
      const groups = new Map<string, number[]>();
      for (const [row, unitId] of components.unit_id.entries()) {
        if (unitId === PROGRAM_UNIT) continue;
        const group = components[dimension][row] ?? '(not set)';
        const members = groups.get(group);
        if (members) members.push(row);
        else groups.set(group, [row]);
      }
      for (const [group, groupRows] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        scopes.push({
          dimension,
          group,
          rows: groupRows,
          options: {
            defaultModel: settings?.default_model ?? config.attribution.default_model,
            samples: config.statistics.bootstrap_samples,
            seed: config.statistics.seed,
            level: ROI_INTERVAL_LEVEL,
            scope: `${dimension}=${group}`,
            peopleTime: config.costs.people_time,
            minAmbassadors: config.statistics.min_group_size,
          },
        });
      }
    }
    const results = await roiRowsOfScopes(warehouse, table.qualified, components, scopes);
    const result: GroupRoiRow[] = scopes.flatMap(({ dimension, group }, index) => results[index]!.map((row) => ({ dimension, group_name: group, ...row })));
    const columns: Column<GroupRoiRow>[] = [
      { name: 'dimension', type: 'varchar', value: (row) => row.dimension },
      { name: 'group_name', type: 'varchar', value: (row) => row.group_name },
      ...roiColumns<GroupRoiRow>(dayDate),
    ];
    await writeRows(warehouse, table, columns, result);
  },
};
