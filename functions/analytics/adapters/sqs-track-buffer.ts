import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Track } from '../domain/track';
import type { TrackBuffer } from '../ports';

export class SqsTrackBuffer implements TrackBuffer {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(track: Track) {
    await this.sqs.send(
      new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(track) }),
    );
  }
}
