import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const BROKER_LIST = /^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/;

/** Settings every app that talks to Kafka shares; defaults point at deploy/local/stack. */
export class KafkaEnv {
  @Matches(BROKER_LIST, { message: 'must be a comma-separated list of host:port' })
  KAFKA_BROKERS = '127.0.0.1:9092';

  @IsString()
  @IsNotEmpty()
  KAFKA_CLIENT_ID = 'learning-records';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1024)
  KAFKA_STATEMENT_PARTITIONS = 6;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  KAFKA_REPLICATION_FACTOR = 1;

  @IsString()
  @IsNotEmpty()
  KAFKA_TOPIC_PREFIX = 'lr';
}

export class MongoEnv extends KafkaEnv {
  @Matches(/^mongodb(\+srv)?:\/\/.+/, { message: 'must be a mongodb:// or mongodb+srv:// URL' })
  MONGO_URL = 'mongodb://127.0.0.1:27017';

  @IsString()
  @IsNotEmpty()
  MONGO_DATABASE = 'learning_records';

  /**
   * 32 random bytes, base64: learners' data keys (crypto-shredding, docs/erasure.md) are stored
   * sealed with it. Unset, they are stored as they are (development only).
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes in base64' })
  LEARNER_KEYS_MASTER_KEY?: string;

  /** How long a learner's key is used from memory; an erasure elsewhere is seen within it. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  LEARNER_KEY_CACHE_TTL_MS = 60_000;
}

export class HttpEnv extends MongoEnv {
  @IsString()
  @IsNotEmpty()
  HOST = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL = 'log';
}
