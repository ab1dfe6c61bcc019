import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { InteractionsService } from './constructs/interactions-service';
import { PetsService } from './constructs/pets-service';
import { Platform } from './constructs/platform';

/** The platform and the services on it. One stack: it deploys unchanged to an emulator and to AWS. */
export class PlatformStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const platform = new Platform(this, 'Platform');
    new InteractionsService(this, 'Interactions', platform);
    new PetsService(this, 'Pets', platform);
  }
}
