import { jvmFlagsOf } from './machine';

describe('jvmFlagsOf', () => {
  it('keeps the heap size and the collector flags the stack chose, nothing else', () => {
    const args = [
      '/usr/lib/jvm/temurin-25-jdk-amd64/bin/java',
      '-Xms2g',
      '-Xmx2g',
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=50',
      '-XX:+UseCompactObjectHeaders',
      '-XX:+ExitOnOutOfMemoryError',
      '-Djava.awt.headless=true',
      '-cp',
      'classes:lib/*',
      'LocalMongoServer',
    ];

    expect(jvmFlagsOf(args)).toEqual([
      '-Xmx2g',
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=50',
      '-XX:+UseCompactObjectHeaders',
    ]);
  });

  it('keeps the parallel collector and its thread count', () => {
    expect(
      jvmFlagsOf(['java', '-Xmx1g', '-XX:+UseParallelGC', '-XX:ParallelGCThreads=2', 'Main']),
    ).toEqual(['-Xmx1g', '-XX:+UseParallelGC', '-XX:ParallelGCThreads=2']);
  });
});
