/* npm run redrive -- <pets|roster|missed-day|kitchen|delivery|delivery-steps|quest-progress|rewards>: moves a consumer's dead-lettered messages back to its queue, after the cause is fixed. */
import { SQSClient } from '@aws-sdk/client-sqs';
import { redrive } from './lib/redrive';
import { clientConfig, loadOutputs } from './lib/target';

const outputs = loadOutputs();
const QUEUES: Record<string, { dlqUrl: string; queueUrl: string }> = {
  pets: { dlqUrl: outputs.PetsDlqUrl, queueUrl: outputs.PetsQueueUrl },
  roster: { dlqUrl: outputs.RosterDlqUrl, queueUrl: outputs.RosterQueueUrl },
  'missed-day': { dlqUrl: outputs.MissedDayDlqUrl, queueUrl: outputs.MissedDayQueueUrl },
  kitchen: { dlqUrl: outputs.KitchenDlqUrl, queueUrl: outputs.KitchenQueueUrl },
  delivery: { dlqUrl: outputs.DeliveryDlqUrl, queueUrl: outputs.DeliveryQueueUrl },
  'delivery-steps': { dlqUrl: outputs.DeliveryStepsDlqUrl, queueUrl: outputs.DeliveryStepsQueueUrl },
  'quest-progress': { dlqUrl: outputs.QuestProgressDlqUrl, queueUrl: outputs.QuestProgressQueueUrl },
  rewards: { dlqUrl: outputs.RewardsDlqUrl, queueUrl: outputs.RewardsQueueUrl },
};

(async () => {
  const name = process.argv[2] ?? '';
  const queues = QUEUES[name];
  if (!queues) {
    console.error(`usage: npm run redrive -- <${Object.keys(QUEUES).join('|')}>`);
    process.exit(2);
  }
  const result = await redrive(new SQSClient(clientConfig()), queues);
  console.log(
    result.found === 0
      ? `The ${name} DLQ is empty: nothing to redrive.`
      : `Redrove ${result.moved} of ${result.found} messages from the ${name} DLQ to its queue (${result.method}).`,
  );
})().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
