import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map.Entry;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Stream;

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
            // The same map name as H2Database uses, so its dropIndex removes this map.
            String name = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            MVMap<KeyValue, Object> map = store.openMap(name,
                new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE).valueType(ValueType.INSTANCE));
            return new UniqueIndex(map, indexName, keys, sparse);
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

        BsonCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                       MVMap<Object, StoredDocument> dataMap, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, cursorRegistry);
            this.dataMap = dataMap;
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

        @Override
        protected Object addDocumentInternal(Document document) {
            Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
            StoredDocument previous = dataMap.put(Missing.ofNullable(key), StoredDocument.of(document));
            if (previous != null) {
                throw new IllegalStateException("document with key '" + key + "' already existed in " + this);
            }
            return key;
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

    /** MongoDB's value order, without Java serialisation; strings and numbers take a fast path. */
    static int compareValues(Object a, Object b) {
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
