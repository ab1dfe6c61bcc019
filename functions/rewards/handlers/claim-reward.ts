import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ConflictError, NotFoundError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { parseInput } from '../../../shared/http/parse-body';
import { claimReward } from '../use-cases/claim-reward';
import { clock, logger, metrics, store } from '../wiring';
import { claimRewardPath } from './input';

/** POST /quests/{questId}/claim: credits one claimable completion (201); 409 NOTHING_TO_CLAIM; 404 unknown quest. */
export const handler = httpRoute(
  { logger, metrics, clock },
  async ({ caller, pathParameters, correlationId }) => {
    const { questId } = parseInput(pathParameters, claimRewardPath);
    const result = await claimReward(
      { store: store(), now: clock.now },
      { userId: caller.userId, questId, correlationId },
    );
    switch (result.outcome) {
      case 'unknown-quest':
        throw new NotFoundError('UNKNOWN_QUEST', `There is no quest '${questId}'.`);
      case 'nothing-to-claim':
        throw new ConflictError('NOTHING_TO_CLAIM', `You have no completion of '${questId}' to claim.`);
      case 'credited':
        metrics.addMetric('RewardsClaimed', MetricUnit.Count, 1);
        return { statusCode: 201, body: result.entry };
    }
  },
);
