/** The program's cost as marts.cost_lines and marts.value_components count it, to compare the two. */
import type { Warehouse } from '../../pipelines/warehouse.ts';

/** The cost of the program in marts.value_components, per attribution model. */
export async function valueComponentsCost(warehouse: Warehouse): Promise<{ model: string; cost: number; ambassador_time: number; lead_time: number }[]> {
  return warehouse.all(
    `select model,
       sum(cost_platform + cost_training + cost_rewards + cost_content + cost_time_recorded + cost_other
         + cost_ambassador_time + cost_lead_time) as cost,
       sum(cost_ambassador_time) as ambassador_time, sum(cost_lead_time) as lead_time
     from marts.value_components group by model order by model`,
  );
}

export async function costLinesTotal(warehouse: Warehouse): Promise<number> {
  return (await warehouse.one<{ total: number }>(`select coalesce(sum(amount_counted), 0) as total from marts.cost_lines`))!.total;
}
