import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.Set;
import java.util.List;
import java.util.Map.Entry;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * mongo-java-server's H2 backend with the two costs that dominated a profile of the LRS removed.
 *
 * <p>The stock backend opens every map with H2's {@code ObjectDataType}. Its index keys
 * ({@code KeyValue}) are not {@code Comparable}, so each comparison in a B-tree search
 * Java-serialises both keys; documents are Java-serialised whenever a page is written. Under
 * the ingest benchmark that was about 80% of the server's CPU. Here index keys and document ids
 * compare by value (MongoDB's order, with fast paths for strings and numbers) and documents are
 * stored as BSON. The file format differs from the stock backend's, so the stack gives this one
 * its own data file.
 */
final class BsonH2Backend extends H2Backend {

    private static final String ID = "_id";

    /**
     * The backend's constructor opens existing databases before a subclass field could be set,
     * and a process runs one server: the store is held here for the overrides to find.
     */
    private static MVStore store;

    private BsonH2Backend(MVStore mvStore) {
        super(mvStore);
    }

    static synchronized BsonH2Backend open(MVStore mvStore) {
        store = mvStore;
        return new BsonH2Backend(mvStore);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new BsonH2Database(databaseName, store, getCursorRegistry());
    }

    /** Opens collections and unique indexes with the value-comparing, BSON-storing types. */
    static final class BsonH2Database extends H2Database {

        BsonH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
            super(databaseName, mvStore, cursorRegistry);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName,
                                                        List<IndexKey> keys, boolean sparse) {
            return new UniqueIndex(openIndexMap(collectionName, indexName), indexName, keys, sparse);
        }

        /**
         * mongo-java-server builds no non-unique index (it logs "not yet implemented" and scans);
         * every filter of GET /statements but statementId scanned the whole store without this.
         */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                           List<IndexKey> keys, boolean sparse) {
            if (sparse) {
                return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
            }
            return new SecondaryIndex(openSecondaryIndexMap(collectionName, indexName), indexName, keys);
        }

        /** The same map name as H2Database uses, so its dropIndex removes the map. */
        private String indexMapName(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        }

        private MVMap<byte[], Object> openSecondaryIndexMap(String collectionName, String indexName) {
            return store.openMap(indexMapName(collectionName, indexName),
                new MVMap.Builder<byte[], Object>().keyType(IndexKeyBytes.KeyType.INSTANCE).valueType(ValueType.INSTANCE));
        }

        private MVMap<KeyValue, Object> openIndexMap(String collectionName, String indexName) {
            return store.openMap(indexMapName(collectionName, indexName),
                new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE).valueType(ValueType.INSTANCE));
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // The same map names as H2Database uses, so its drop and rename find these maps.
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, StoredDocument> dataMap = store.openMap("databases." + fullName,
                new MVMap.Builder<Object, StoredDocument>().keyType(ValueType.INSTANCE).valueType(DocumentType.INSTANCE));
            return new BsonCollection(this, collectionName, options, dataMap, cursorRegistry);
        }
    }

    /**
     * H2Collection over a map of BSON bytes. A document is encoded once, when it is put, and
     * decoded afresh for every reader, so:
     * <ul>
     * <li>a stored document is never shared: mongo-java-server updates the documents a query
     * returned in place and encodes replies outside the collection's lock, which on shared stored
     * objects raced H2's background page writer (a ConcurrentModificationException that closed
     * the store) and other clients' replies;</li>
     * <li>a leaf page read from the file, or rewritten by a commit or by compaction, copies bytes
     * instead of decoding and re-encoding every document on it (about half the server's CPU under
     * bench:ingest went to that);</li>
     * <li>the page cache holds BSON, several times smaller than the decoded objects.</li>
     * </ul>
     */
    static final class BsonCollection extends AbstractSynchronizedMongoCollection<Object> {

        private final MVMap<Object, StoredDocument> dataMap;
        /** The last record id given; documents are kept under these, in insertion order. */
        private final AtomicLong lastPosition;

        BsonCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                       MVMap<Object, StoredDocument> dataMap, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, cursorRegistry);
            this.dataMap = dataMap;
            Object last = dataMap.isEmpty() ? null : dataMap.lastKey();
            this.lastPosition = new AtomicLong(last instanceof Number ? ((Number) last).longValue() : 0L);
        }

        /**
         * The stock backend re-encodes every inserted, updated and removed document to keep a
         * byte count for collStats, and writes it to a shared meta entry each time; nothing here
         * reads collStats' sizes.
         */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected void updateDataSize(int sizeDelta) {
        }

        @Override
        protected int getDataSize() {
            return 0;
        }

        /**
         * The whole query, planned and collected, holds the store's current version: without that,
         * a scan that takes a while under writes read pages from chunks the background writer had
         * already freed ("MVStoreException: Chunk 808 not found", 27 times in one npm run bench,
         * each an error answer). H2's own transactions register their readers the same way.
         */
        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            MVStore.TxCounter reading = dataMap.getStore().registerVersionUsage();
            try {
                return plannedQuery(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            } finally {
                dataMap.getStore().deregisterVersionUsage(reading);
            }
        }

        /**
         * Like the stock planner, but a secondary index is chosen by its longest equality prefix,
         * then by whether it gives the requested order.
         */
        private QueryResult plannedQuery(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
            Index<Object> best = null;
            Document bestQuery = query;
            int bestPrefix = 0;
            Boolean bestReverse = null;
            for (Index<Object> index : getIndexes()) {
                Document keyQuery = index.isUnique() ? onIndexKeys(query, index) : null;
                if (keyQuery != null && index.canHandle(keyQuery)) {
                    best = index;
                    bestQuery = keyQuery;
                    bestReverse = null;
                    break;
                }
                if (!(index instanceof SecondaryIndex)) {
                    continue;
                }
                SecondaryIndex secondary = (SecondaryIndex) index;
                int prefix = secondary.equalityPrefix(query).size();
                Boolean reverse = prefix > 0 ? secondary.iterationFor(query, orderBy) : null;
                if (prefix > bestPrefix || (prefix == bestPrefix && reverse != null && bestReverse == null)) {
                    best = index;
                    bestPrefix = prefix;
                    bestReverse = reverse;
                }
            }
            if (best == null) {
                Iterable<Object> anyOf = positionsOfIn(query);
                if (anyOf != null) {
                    return matchDocuments(query, anyOf, orderBy, numberToSkip, limit, batchSize, fieldSelector);
                }
            }
            if (bestReverse != null && limit > 0) {
                return firstInIndexOrder((SecondaryIndex) best, query, bestReverse, numberToSkip, limit, batchSize,
                    fieldSelector);
            }
            Iterable<Object> positions = null;
            if (best instanceof SecondaryIndex) {
                // Fetching documents one by one by id costs several times a sequential read, so an
                // index that narrows to more than a quarter of the collection (a store-only prefix
                // on a one-store database) loses to the scan.
                positions = ((SecondaryIndex) best).positionsUpTo(query, dataMap.size() / 4);
            } else if (best != null) {
                // The rest of the query is matched on the documents the index leads to.
                positions = best.getPositions(bestQuery);
                if (positions != null && isExactIdLookup(query)) {
                    // The _id index found exactly these: matching them again is only cost.
                    return matchDocuments(new Document(), positions, orderBy, numberToSkip, limit, batchSize,
                        fieldSelector);
                }
            }
            if (positions == null) {
                return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            return matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /**
         * {_id: "text"} or {_id: {$in: ["text", ...]}} and nothing else: the _id index returns
         * exactly the documents it matches (text ids compare as in the query matcher), so they
         * need no matching afterwards. Re-matching every one against the whole $in list was a
         * twentieth of this server's CPU under ingest, where most reads are batches of ids.
         */
        private static boolean isExactIdLookup(Document query) {
            if (query.size() != 1 || !query.containsKey(ID)) {
                return false;
            }
            Object condition = query.get(ID);
            if (condition instanceof String) {
                return true;
            }
            if (!(condition instanceof Document) || ((Document) condition).size() != 1) {
                return false;
            }
            Object in = ((Document) condition).get("$in");
            return in instanceof Collection && ((Collection<?>) in).stream().allMatch(String.class::isInstance);
        }

        /**
         * The documents a {field: {$in: [plain values]}} condition selects through an index led by
         * that field (one prefix read per value), or null when no index serves it or it narrows to
         * more than a quarter of the collection. MongoDB reads such an index; mongo-java-server
         * scanned (an LRS looking up a batch's ids by {"_source.id": {$in: ids}} read every stored
         * statement per POST).
         */
        private Iterable<Object> positionsOfIn(Document query) {
            for (Index<Object> index : getIndexes()) {
                if (index instanceof SecondaryIndex) {
                    SecondaryIndex secondary = (SecondaryIndex) index;
                    List<Object> values = secondary.inValuesOnFirstKey(query);
                    if (values != null) {
                        return secondary.positionsOfAnyUpTo(values, dataMap.size() / 4);
                    }
                }
            }
            return null;
        }

        /**
         * The query's conditions on the unique index's fields alone, or null unless it names them
         * all at its top level. mongo-java-server uses a unique index only for a query on exactly
         * its fields, so {_id: x, voided: false} (every GET /statements?statementId=, and every
         * update conditioned on more than the id) read the whole collection.
         */
        private static Document onIndexKeys(Document query, Index<Object> index) {
            Document keyQuery = new Document();
            for (IndexKey indexKey : index.getKeys()) {
                String key = indexKey.getKey();
                if (!query.containsKey(key)) {
                    return null;
                }
                keyQuery.put(key, query.get(key));
            }
            return keyQuery;
        }

        /**
         * A page in the index's own order: documents are read one by one until the page is full,
         * instead of reading and sorting every match (a page of GET /statements on a large store).
         */
        private QueryResult firstInIndexOrder(SecondaryIndex index, Document query, boolean reverse, int numberToSkip,
                                              int limit, int batchSize, Document fieldSelector) {
            Iterator<Object> positions = index.positionsInOrder(query, reverse);
            Stream<Document> documents = StreamSupport.stream(
                    Spliterators.spliteratorUnknownSize(positions, Spliterator.ORDERED), false)
                .map(this::getDocument)
                .filter(Objects::nonNull);
            return matchDocumentsFromStream(query, documents, numberToSkip, limit, batchSize, null, fieldSelector);
        }

        /** Index entries lead here; one without its document must not fail the query. */
        @Override
        protected QueryResult matchDocuments(Document query, Iterable<Object> positions, Document orderBy,
                                             int numberToSkip, int limit, int batchSize, Document fieldSelector) {
            Stream<Document> documents = StreamSupport.stream(positions.spliterator(), false)
                .map(this::getDocument)
                .filter(Objects::nonNull);
            return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /**
         * A document is kept under a counter, as MongoDB keeps records under record ids, and
         * found by _id through the unique _id index. The stock backend keyed documents by _id:
         * with random ids (a statement's UUID) every insert landed on a random 16 KB leaf of
         * documents, and every commit rewrote most of them. 150,000 statement-store documents
         * with the seven statement indexes: 225 -> 175 µs of server CPU each; without
         * secondary indexes, 67 -> 41. Natural order becomes insertion order, as in MongoDB.
         */
        @Override
        protected Object addDocumentInternal(Document document) {
            Long position = lastPosition.incrementAndGet();
            StoredDocument previous = dataMap.put(position, StoredDocument.of(document));
            if (previous != null) {
                throw new IllegalStateException("record " + position + " already existed in " + this);
            }
            return position;
        }

        /**
         * As AbstractMongoCollection's, except that secondary indexes are not asked for the
         * record position: a document with no entry in one (an empty array field) has nothing
         * there to find it by. The unique indexes give it (the _id index always can).
         */
        @Override
        public synchronized void removeDocument(Document document) {
            Object position = null;
            for (Index<Object> index : getIndexes()) {
                Object indexPosition = index.remove(document);
                // A sparse index has no entry for a document without its fields.
                if (index instanceof SecondaryIndex || indexPosition == null) {
                    continue;
                }
                if (position != null && !position.equals(indexPosition)) {
                    throw new IllegalStateException("Found no single position for " + document + " in " + index);
                }
                position = indexPosition;
            }
            if (position == null) {
                position = findDocumentPosition(document);
            }
            if (position != null) {
                removeDocument(position);
            }
        }

        @Override
        public int count() {
            return dataMap.size();
        }

        @Override
        public boolean isEmpty() {
            return dataMap.isEmpty();
        }

        @Override
        protected Document getDocument(Object position) {
            StoredDocument stored = dataMap.get(position);
            return stored == null ? null : stored.decode();
        }

        @Override
        protected void removeDocument(Object position) {
            if (dataMap.remove(position) == null) {
                throw new NoSuchElementException("No document with key " + position);
            }
        }

        @Override
        protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
            return dataMap.entrySet().stream()
                .map(entry -> new DocumentWithPosition<>(entry.getValue().decode(), entry.getKey()));
        }

        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            Stream<Document> documents;
            if (isNaturalDescending(orderBy)) {
                documents = streamAllDocumentsWithPosition()
                    .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                    .map(DocumentWithPosition::getDocument);
            } else {
                documents = dataMap.values().stream().map(StoredDocument::decode);
            }
            ScanLog.scanned(getCollectionName(), dataMap.size(), query, orderBy);
            return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        @Override
        protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
            dataMap.put(Missing.ofNullable(position), StoredDocument.of(newDocument));
        }
    }

    /** A document as the BSON bytes it was put with; immutable. */
    static final class StoredDocument {
        final byte[] bson;

        StoredDocument(byte[] bson) {
            this.bson = bson;
        }

        static StoredDocument of(Document document) {
            ByteBuf encoded = Unpooled.buffer(256);
            BsonEncoder.encodeDocument(document, encoded);
            byte[] bytes = new byte[encoded.readableBytes()];
            encoded.readBytes(bytes);
            return new StoredDocument(bytes);
        }

        Document decode() {
            return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
        }
    }

    /**
     * A non-unique index: one map entry per set of indexed values (one per array element, for a
     * multikey field) and document, keyed (values..., _id) in IndexKeyBytes, so entries never
     * collide, a query's equality prefix is one range of the map and ties come in _id order; the
     * entry's value is the document's record position. It narrows the
     * documents a query reads; the query itself (ranges, sort, the other fields) is still applied
     * to each one.
     */
    static final class SecondaryIndex extends Index<Object> {

        private final MVMap<byte[], Object> map;
        /** Index.keys() builds the list through a stream on every call; it never changes. */
        private final List<String> keyNames;

        SecondaryIndex(MVMap<byte[], Object> map, String name, List<IndexKey> keys) {
            super(name, keys, false);
            this.map = map;
            this.keyNames = List.copyOf(super.keys());
        }

        @Override
        protected List<String> keys() {
            return keyNames;
        }

        /** The leading index fields the query pins to one plain value, normalised as entries are. */
        List<Object> equalityPrefix(Document query) {
            List<Object> prefix = new ArrayList<>();
            for (String key : keys()) {
                Object value = equalityOn(query, key);
                if (!isPlainValue(value)) {
                    break;
                }
                prefix.add(normalise(value));
            }
            return prefix;
        }

        /** The plain value a query pins a field to, at its top level or in a top-level $and. */
        private static Object equalityOn(Document query, String key) {
            Object value = query.get(key);
            if (isPlainValue(value)) {
                return value;
            }
            Object and = query.get("$and");
            if (and instanceof List) {
                for (Object clause : (List<?>) and) {
                    if (clause instanceof Document) {
                        Object inner = equalityOn((Document) clause, key);
                        if (isPlainValue(inner)) {
                            return inner;
                        }
                    }
                }
            }
            return null;
        }

        /**
         * Whether the query's sort is this index's order after its equality prefix (forward) or
         * that order reversed (true), with the document id (every entry's last part) as the last
         * tie-break; null when it is neither. Entries keep values ascending whatever the declared
         * direction. A document is taken at its first entry, which for an array field is its
         * smallest element going forward and its largest in reverse: MongoDB's array sort order.
         */
        Boolean iterationFor(Document query, Document orderBy) {
            if (orderBy == null || orderBy.isEmpty() || orderBy.containsKey("$natural")) {
                return null;
            }
            List<String> rest = keys().subList(equalityPrefix(query).size(), keys().size());
            Boolean reverse = null;
            int i = 0;
            for (Entry<String, Object> sort : orderBy.entrySet()) {
                boolean idTieBreak = i == rest.size() && sort.getKey().equals(ID);
                if (!idTieBreak && (i >= rest.size() || !rest.get(i).equals(sort.getKey()))) {
                    return null;
                }
                if (!(sort.getValue() instanceof Number)) {
                    return null;
                }
                boolean descending = ((Number) sort.getValue()).doubleValue() < 0;
                if (reverse != null && reverse != descending) {
                    return null;
                }
                reverse = descending;
                i++;
                if (idTieBreak && i < orderBy.size()) {
                    return null;
                }
            }
            return reverse;
        }

        /** Each document the equality prefix selects, once, in index order. */
        Iterator<Object> positionsInOrder(Document query, boolean reverse) {
            byte[] low = IndexKeyBytes.prefix(equalityPrefix(query));
            byte[] high = IndexKeyBytes.upperBound(low);
            Cursor<byte[], Object> cursor = reverse ? map.cursor(high, low, true) : map.cursor(low, high, false);
            Set<Object> seen = new HashSet<>();
            return new Iterator<Object>() {
                private Object next = advance();

                private Object advance() {
                    while (cursor.hasNext()) {
                        cursor.next();
                        Object position = cursor.getValue();
                        if (seen.add(position)) {
                            return position;
                        }
                    }
                    return null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Object next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    Object current = next;
                    next = advance();
                    return current;
                }
            };
        }

        private static boolean isPlainValue(Object value) {
            return value instanceof String || value instanceof Boolean || value instanceof ObjectId
                || value instanceof Instant || value instanceof java.util.Date || value instanceof UUID
                || (value instanceof Number && !(value instanceof Decimal128));
        }

        /** As mongo-java-server normalises indexed values: numbers compare as doubles. */
        private static Object normalise(Object value) {
            if (value instanceof Long && (long) (double) (Long) value != (Long) value) {
                return value;
            }
            if (value instanceof Number) {
                double number = ((Number) value).doubleValue();
                return number == -0.0 ? 0.0 : number;
            }
            return value;
        }

        /** Wrapped so that the set compares entries by content (updateInPlace diffs two sets). */
        private Set<ByteBuffer> entriesOf(Document document) {
            Object id = fieldValue(document, ID);
            Set<ByteBuffer> entries = new LinkedHashSet<>();
            for (List<Object> values : keyValuesOf(document)) {
                entries.add(ByteBuffer.wrap(IndexKeyBytes.entry(values, id)));
            }
            return entries;
        }

        /**
         * The indexed values of a document, one list per array element when a field is an array.
         * Index.getKeyValues does the same but re-walks every path to check for parallel arrays
         * (a third of the server's CPU under ingest); it is only needed when two fields are arrays.
         */
        private List<List<Object>> keyValuesOf(Document document) {
            List<String> keys = keys();
            List<Object> values = new ArrayList<>(keys.size());
            int arrayAt = -1;
            for (int i = 0; i < keys.size(); i++) {
                Object value = fieldValue(document, keys.get(i));
                if (value instanceof Collection) {
                    if (arrayAt >= 0) {
                        return stockKeyValues(document);
                    }
                    arrayAt = i;
                } else {
                    value = Missing.isNullOrMissing(value) ? null : normalise(value);
                }
                values.add(value);
            }
            if (arrayAt < 0) {
                return List.of(values);
            }
            Collection<?> elements = (Collection<?>) values.get(arrayAt);
            List<List<Object>> expanded = new ArrayList<>(elements.size());
            Set<Object> distinct = new HashSet<>();
            for (Object element : elements) {
                Object normalised = Missing.isNullOrMissing(element) ? null : normalise(element);
                if (distinct.add(normalised == null ? Missing.getInstance() : normalised)) {
                    List<Object> copy = new ArrayList<>(values);
                    copy.set(arrayAt, normalised);
                    expanded.add(copy);
                }
            }
            return expanded;
        }

        /** Two array fields: mongo-java-server's own expansion, which refuses parallel arrays. */
        private List<List<Object>> stockKeyValues(Document document) {
            List<List<Object>> all = new ArrayList<>();
            for (KeyValue keyValue : getKeyValues(document)) {
                List<Object> values = new ArrayList<>(keyValue.size());
                for (Object value : keyValue) {
                    values.add(value);
                }
                all.add(values);
            }
            return all;
        }

        @Override
        public boolean canHandle(Document query) {
            return !equalityPrefix(query).isEmpty();
        }

        @Override
        public Iterable<Object> getPositions(Document query) {
            return positionsUpTo(query, Integer.MAX_VALUE);
        }

        /** The documents the query's equality prefix selects, or null when there are more than max. */
        Set<Object> positionsUpTo(Document query, int max) {
            Set<Object> positions = new LinkedHashSet<>();
            return collect(IndexKeyBytes.prefix(equalityPrefix(query)), positions, max) ? positions : null;
        }

        /**
         * The plain values of a top-level {first key: {$in: [...]}}, normalised as entries are, or
         * null unless the condition is exactly that and every value is plain (a null, array,
         * document or regex among them matches more than its own entries).
         */
        List<Object> inValuesOnFirstKey(Document query) {
            Object condition = query.get(keys().get(0));
            if (!(condition instanceof Document) || ((Document) condition).size() != 1) {
                return null;
            }
            Object in = ((Document) condition).get("$in");
            if (!(in instanceof Collection) || ((Collection<?>) in).isEmpty()) {
                return null;
            }
            List<Object> values = new ArrayList<>();
            for (Object value : (Collection<?>) in) {
                if (!isPlainValue(value)) {
                    return null;
                }
                values.add(normalise(value));
            }
            return values;
        }

        /** The documents whose first key is any of the values, or null when there are more than max. */
        Set<Object> positionsOfAnyUpTo(List<Object> values, int max) {
            Set<Object> positions = new LinkedHashSet<>();
            for (Object value : new LinkedHashSet<>(values)) {
                if (!collect(IndexKeyBytes.prefix(List.of(value)), positions, max)) {
                    return null;
                }
            }
            return positions;
        }

        /** Adds the documents under one prefix; false once there are more than max. */
        private boolean collect(byte[] prefix, Set<Object> positions, int max) {
            Cursor<byte[], Object> cursor = map.cursor(prefix);
            while (cursor.hasNext()) {
                byte[] entry = cursor.next();
                if (!IndexKeyBytes.startsWith(entry, prefix)) {
                    return true;
                }
                positions.add(cursor.getValue());
                if (positions.size() > max) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Object getPosition(Document document) {
            // Not a unique index: it cannot name one document; the _id index does.
            return null;
        }

        /** Parallel arrays fail here, before the document is stored, as MongoDB refuses them. */
        @Override
        public void checkAdd(Document document, MongoCollection<Object> collection) {
            refuseParallelArrays(document);
        }

        private void refuseParallelArrays(Document document) {
            int arrays = 0;
            for (String key : keys()) {
                if (fieldValue(document, key) instanceof Collection) {
                    arrays++;
                }
            }
            if (arrays > 1) {
                getKeyValues(document);
            }
        }

        @Override
        public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
            refuseParallelArrays(newDocument);
        }

        @Override
        public void add(Document document, Object position, MongoCollection<Object> collection) {
            for (ByteBuffer entry : entriesOf(document)) {
                map.put(entry.array(), position);
            }
        }

        @Override
        public Object remove(Document document) {
            Object position = null;
            for (ByteBuffer entry : entriesOf(document)) {
                Object removed = map.remove(entry.array());
                position = removed != null ? removed : position;
            }
            return position;
        }

        @Override
        public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                                  MongoCollection<Object> collection) {
            Set<ByteBuffer> before = entriesOf(oldDocument);
            Set<ByteBuffer> after = entriesOf(newDocument);
            for (ByteBuffer entry : before) {
                if (!after.contains(entry)) {
                    map.remove(entry.array());
                }
            }
            for (ByteBuffer entry : after) {
                if (!before.contains(entry)) {
                    map.put(entry.array(), position);
                }
            }
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }

        @Override
        public void drop() {
            store.removeMap(map);
        }
    }

    /** H2UniqueIndex, whose constructor is package-private, over a map of this backend's types. */
    static final class UniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue keyValue) {
            return map.remove(keyValue);
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            return map.get(keyValue);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /**
     * A document's value at an index key, as Utils.getSubdocumentValueCollectionAware gives it. A
     * key without a dot is one field: mongo-java-server still splits it with a regular expression
     * through a stream, which was a tenth of this server's CPU under ingest (three lookups per
     * secondary index per inserted document).
     */
    static Object fieldValue(Document document, String key) {
        return key.indexOf('.') < 0 && !key.isEmpty() && !key.equals("$")
            ? document.getOrMissing(key)
            : Utils.getSubdocumentValueCollectionAware(document, key);
    }

    /** MongoDB's value order, without Java serialisation; strings and numbers take a fast path. */
    static int compareValues(Object a, Object b) {
        // Index entries of documents without the field hold the one Missing instance: a
        // statement's refId and voidsId, most of the time.
        if (a == b) {
            return 0;
        }
        if (a instanceof String && b instanceof String) {
            return ((String) a).compareTo((String) b);
        }
        if (isPlainNumber(a) && isPlainNumber(b)) {
            Number x = (Number) a;
            Number y = (Number) b;
            int byDouble = Double.compare(x.doubleValue(), y.doubleValue());
            if (byDouble != 0 || !isIntegral(x) || !isIntegral(y)) {
                return byDouble;
            }
            // Two longs beyond 2^53 can share a double: only then do their exact values decide.
            return Long.compare(x.longValue(), y.longValue());
        }
        return ValueComparator.ascWithoutListHandling().compare(a, b);
    }

    private static boolean isPlainNumber(Object value) {
        return value instanceof Number && !(value instanceof Decimal128);
    }

    private static boolean isIntegral(Number value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    private static final byte MISSING = 0;
    private static final byte STRING = 1;
    private static final byte BSON_VALUE = 2;
    /** Strings as UTF-8 bytes: one array copy, where STRING (still read) wrote char by char. */
    private static final byte UTF8_STRING = 3;

    static void writeValue(WriteBuffer buff, Object value) {
        if (value instanceof Missing) {
            buff.put(MISSING);
        } else if (value instanceof String) {
            String text = (String) value;
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            buff.put(UTF8_STRING).putVarInt(utf8.length).put(utf8);
        } else {
            // One BSON element body, with its type byte in front: no wrapping document.
            byte type = BsonEncoder.determineType(value);
            ByteBuf encoded = Unpooled.buffer(32);
            BsonEncoder.encodeValue(type, value, encoded);
            int length = encoded.readableBytes();
            buff.put(BSON_VALUE).put(type).putVarInt(length);
            buff.put(encoded.array(), encoded.arrayOffset() + encoded.readerIndex(), length);
        }
    }

    static Object readValue(ByteBuffer buff) {
        byte tag = buff.get();
        switch (tag) {
            case MISSING:
                return Missing.getInstance();
            case STRING:
                return DataUtils.readString(buff, DataUtils.readVarInt(buff));
            case UTF8_STRING: {
                byte[] utf8 = new byte[DataUtils.readVarInt(buff)];
                buff.get(utf8);
                return new String(utf8, StandardCharsets.UTF_8);
            }
            case BSON_VALUE: {
                byte type = buff.get();
                byte[] bytes = new byte[DataUtils.readVarInt(buff)];
                buff.get(bytes);
                return BsonDecoder.decodeValue(type, Unpooled.wrappedBuffer(bytes));
            }
            default:
                throw new IllegalStateException("unknown value tag " + tag);
        }
    }

    /** A rough size for H2's page cache accounting; it only needs to grow with the value. */
    static int estimateMemory(Object value) {
        if (value instanceof String) {
            return 48 + 2 * ((String) value).length();
        }
        if (value instanceof Document) {
            int size = 64;
            for (Entry<String, Object> entry : ((Document) value).entrySet()) {
                size += 48 + 2 * entry.getKey().length() + estimateMemory(entry.getValue());
            }
            return size;
        }
        if (value instanceof List) {
            int size = 48;
            for (Object item : (List<?>) value) {
                size += 8 + estimateMemory(item);
            }
            return size;
        }
        return 32;
    }

    /** Document ids and index positions: any BSON value, or Missing. */
    static final class ValueType extends BasicDataType<Object> {
        static final ValueType INSTANCE = new ValueType();

        @Override
        public int compare(Object a, Object b) {
            return compareValues(a, b);
        }

        @Override
        public int getMemory(Object value) {
            return estimateMemory(value);
        }

        @Override
        public void write(WriteBuffer buff, Object value) {
            writeValue(buff, value);
        }

        @Override
        public Object read(ByteBuffer buff) {
            return readValue(buff);
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }
    }

    /** Stored documents: a length, then the BSON bytes (the format this file had before). */
    static final class DocumentType extends BasicDataType<StoredDocument> {
        static final DocumentType INSTANCE = new DocumentType();

        @Override
        public int getMemory(StoredDocument document) {
            return 32 + document.bson.length;
        }

        @Override
        public void write(WriteBuffer buff, StoredDocument document) {
            buff.putVarInt(document.bson.length).put(document.bson);
        }

        @Override
        public StoredDocument read(ByteBuffer buff) {
            byte[] bytes = new byte[DataUtils.readVarInt(buff)];
            buff.get(bytes);
            return new StoredDocument(bytes);
        }

        @Override
        public StoredDocument[] createStorage(int size) {
            return new StoredDocument[size];
        }
    }

    /** Unique index keys: the indexed values in order, compared value by value. */
    static final class KeyValueType extends BasicDataType<KeyValue> {
        static final KeyValueType INSTANCE = new KeyValueType();

        @Override
        public int compare(KeyValue a, KeyValue b) {
            int shared = Math.min(a.size(), b.size());
            for (int i = 0; i < shared; i++) {
                int cmp = compareValues(a.get(i), b.get(i));
                if (cmp != 0) {
                    return cmp;
                }
            }
            return Integer.compare(a.size(), b.size());
        }

        @Override
        public int getMemory(KeyValue key) {
            int size = 48;
            for (Object value : key) {
                size += 8 + estimateMemory(value);
            }
            return size;
        }

        @Override
        public void write(WriteBuffer buff, KeyValue key) {
            buff.putVarInt(key.size());
            for (Object value : key) {
                writeValue(buff, value);
            }
        }

        @Override
        public KeyValue read(ByteBuffer buff) {
            int size = DataUtils.readVarInt(buff);
            Object[] values = new Object[size];
            for (int i = 0; i < size; i++) {
                values[i] = readValue(buff);
            }
            return new KeyValue(values);
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }
}
