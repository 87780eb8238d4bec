// Webinar reports: a past webinar's details, participants (one record per
// stint, practice-session waiting included), poll answers and Q&A — the
// meetings' reports (instances.ts) over the webinar's ended instances.
import type { Context, Input } from '../../core/provider.ts';
import { instanceDetails, instanceParticipants, instancePolls, instanceQa } from './instances.ts';

type WebinarPath = Input<{ webinarId: string }>;
const idOf = (input: WebinarPath) => String(input.path.webinarId);

export function webinarReports() {
  return {
    reportWebinarDetails: (input: WebinarPath, ctx: Context) => instanceDetails(ctx, idOf(input), 'webinar'),
    reportWebinarParticipants: (input: WebinarPath, ctx: Context) => instanceParticipants(ctx, idOf(input), 'webinar', input.page),
    reportWebinarPolls: (input: WebinarPath, ctx: Context) => instancePolls(ctx, idOf(input), 'webinar'),
    reportWebinarQA: (input: WebinarPath, ctx: Context) => instanceQa(ctx, idOf(input), 'webinar'),
  };
}
