/**
 * Report: reads the marts and writes the reports into `paths.out`. Presentation lives
 * in `reports/`; this is only the edge that connects it to the warehouse and the disk.
 */
import { buildLeadershipPage } from '../reports/pages/leadership.ts';
import { writeReport } from '../reports/write.ts';
import type { Session } from './session.ts';

export async function writeReports(session: Session): Promise<{ files: string[] }> {
  const { config, warehouse, log } = session;
  const page = await buildLeadershipPage(warehouse, {
    companyName: config.company.name,
    currency: config.currency,
    locale: config.report.language === 'da' ? 'da-DK' : 'en-GB',
  });
  const written = await writeReport(page, config.paths.out);
  log.info(`wrote ${written.files.length} report files to ${config.paths.out}`);
  return written;
}
