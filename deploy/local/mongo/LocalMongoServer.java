import java.util.concurrent.CountDownLatch;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoServer;

/**
 * Local stand-in for MongoDB: mongo-java-server (MongoDB wire protocol) persisting to one H2 MVStore
 * file. Started by deploy/local/stack, which compiles this file once into its cache.
 *
 * <p>Usage: {@code LocalMongoServer <data-file> <host> <port>}
 */
public final class LocalMongoServer {

    /**
     * MVStore commits (writes a new chunk to the file) from a background thread this long after a
     * change, or sooner once {@link #AUTO_COMMIT_BUFFER_KB} of changes are waiting. A commit
     * rewrites every page a change touched, and with random ids that is most leaves of every
     * index: at 100 ms and H2's 1 MB buffer, bench:ingest (batch 100, read-your-writes) wrote a
     * 6.8 GB file in its first minute, and this server's CPU per statement grew from 450 to 760 µs
     * as it did. At 1 s and 64 MB: 3.5 GB and 220 to 300 µs. Whatever is not yet committed is lost
     * if the process is killed with SIGKILL (about the last second, as with H2's own defaults, and
     * like a MongoDB acknowledging writes before its journal flush); a stop (SIGTERM, as the stack
     * and the fault suite do) commits everything. A committed chunk is in the OS page cache, which
     * survives a process kill; only a machine crash would also need the fsync that close() does.
     */
    private static final int AUTO_COMMIT_DELAY_MS = Integer.getInteger("localMongo.autoCommitDelayMs", 1000);

    private static final int AUTO_COMMIT_BUFFER_KB = Integer.getInteger("localMongo.autoCommitBufferKb", 64 * 1024);

    /**
     * MVStore rewrites chunks whose live share fell below this. H2's 90 kept it rewriting under
     * steady inserts (a fifth of this server's CPU in a bench:ingest profile); at 40 the file
     * stays within about 2.5 times its live data.
     */
    private static final int AUTO_COMPACT_FILL_RATE = Integer.getInteger("localMongo.autoCompactFillRate", 40);

    /** H2's page cache; its 16 MB default made reads go to the file under the benchmarks. */
    private static final int CACHE_MB = Integer.getInteger("localMongo.cacheMb", 256);

    /**
     * Leaf page size. Each commit rewrites every leaf a change touched, so smaller leaves looked
     * cheaper, but measured on bench:ingest (batch 100, read-your-writes) H2's 16 KB default did
     * best: 2,371 statements/s, against 2,198 at 64 KB, 2,186 at 4 KB and 1,850 at 2 KB.
     */
    private static final int PAGE_SPLIT_BYTES = Integer.getInteger("localMongo.pageSplitBytes", 16384);

    private LocalMongoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: LocalMongoServer <data-file> <host> <port>");
            System.exit(2);
        }
        String dataFile = args[0];
        String host = args[1];
        int port = Integer.parseInt(args[2]);

        // H2Backend(String) would open the store with the default 1 s commit delay, so open it
        // ourselves. MVStore also takes an exclusive file lock: a second server on the same file
        // fails here instead of corrupting it.
        MVStore store = new MVStore.Builder()
            .fileName(dataFile)
            .cacheSize(CACHE_MB)
            .pageSplitSize(PAGE_SPLIT_BYTES)
            .autoCommitBufferSize(AUTO_COMMIT_BUFFER_KB)
            .autoCompactFillRate(AUTO_COMPACT_FILL_RATE)
            .open();
        store.setAutoCommitDelay(AUTO_COMMIT_DELAY_MS);

        MongoServer server = new MongoServer(BsonH2Backend.open(store));
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            System.err.println("LocalMongoServer: cannot listen on " + host + ":" + port + ": " + e);
            store.close();
            System.exit(1);
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("LocalMongoServer: shutting down");
            // shutdownNow() drops connected clients first; plain shutdown() would wait for the
            // application to disconnect. Either way it ends with backend.close(), which commits
            // and closes the MVStore cleanly.
            server.shutdownNow();
            System.out.println("LocalMongoServer: stopped");
            stopped.countDown();
        }, "local-mongo-shutdown"));

        // deploy/local/stack waits for this exact line.
        System.out.println("LocalMongoServer: listening on " + host + ":" + port + " (data: " + dataFile + ")");
        stopped.await();
    }
}
