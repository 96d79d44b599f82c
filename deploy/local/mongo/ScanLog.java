import java.util.concurrent.ConcurrentHashMap;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Opt-in (-Dlearning-records.logScans=N): reports each query shape that read a whole collection of
 * more than N documents, and how often, like MongoDB's slow-query log for COLLSCAN. For finding
 * the queries an index should serve; off by default, it costs nothing then.
 */
final class ScanLog {

    private static final long THRESHOLD = Long.getLong("learning-records.logScans", -1);
    private static final ConcurrentHashMap<String, long[]> SEEN = new ConcurrentHashMap<>();

    private ScanLog() {
    }

    static void scanned(String collection, int size, Document query, Document orderBy) {
        if (THRESHOLD < 0 || size <= THRESHOLD) {
            return;
        }
        String shape = collection + " " + shapeOf(query) + (orderBy == null || orderBy.isEmpty() ? "" : " sort " + orderBy.keySet());
        long count = SEEN.computeIfAbsent(shape, key -> new long[1])[0]++;
        // The first time, then at every power of ten, so a hot query shows without flooding the log.
        if (count == 0 || Long.toString(count + 1).matches("10+")) {
            System.err.println("ScanLog: scan #" + (count + 1) + " of " + size + " documents: " + shape + " e.g. " + query);
        }
    }

    /** Field names and operators, without values. */
    private static String shapeOf(Object value) {
        if (value instanceof Document) {
            StringBuilder shape = new StringBuilder("{");
            for (String key : ((Document) value).keySet()) {
                Object inner = ((Document) value).get(key);
                shape.append(key).append(inner instanceof Document || inner instanceof java.util.List ? ":" + shapeOf(inner) : "").append(',');
            }
            return shape.append('}').toString();
        }
        if (value instanceof java.util.List) {
            java.util.List<?> list = (java.util.List<?>) value;
            return list.isEmpty() ? "[]" : "[" + shapeOf(list.get(0)) + (list.size() > 1 ? ",…" : "") + "]";
        }
        return "";
    }
}
