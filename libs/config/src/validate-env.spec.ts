import { IsInt, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { InvalidConfigError, validateEnv } from './validate-env';
import { MongoEnv } from './common-env';

class SampleEnv {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 8080;
}

describe('validateEnv', () => {
  it('applies defaults when a key is absent or empty', () => {
    expect(validateEnv(SampleEnv, {}).PORT).toBe(8080);
    expect(validateEnv(SampleEnv, { PORT: '' }).PORT).toBe(8080);
  });

  it('converts strings to the declared type', () => {
    expect(validateEnv(SampleEnv, { PORT: '9000' }).PORT).toBe(9000);
  });

  it('fails naming every bad key', () => {
    const attempt = () =>
      validateEnv(MongoEnv, { KAFKA_BROKERS: 'not a broker', MONGO_URL: 'http://x' });
    expect(attempt).toThrow(InvalidConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as InvalidConfigError).problems.join('\n');
      expect(problems).toContain('KAFKA_BROKERS');
      expect(problems).toContain('MONGO_URL');
      expect(problems).not.toContain('MONGO_DATABASE');
    }
  });
});
