package io.infrapm.embedded;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the on-disk store orders the keys of a unique index: exactly as H2's default type
 * does, without serialising both keys again for every comparison.
 * <p>
 * An index key ({@link KeyValue}) is not {@link Comparable}, so H2 orders two of them by
 * their Java-serialised bytes, and serialised both for each comparison of a binary
 * search: every lookup of a document by its id cost two serialisations per level of the
 * index, which profiling showed as the largest part of the store's work. The order must
 * stay the same, or the indexes already in a store file would no longer be found: the
 * bytes are the same, only kept for the keys compared most often (those of the index's
 * pages held in memory, and the key being looked up), by identity, at most
 * {@value #CACHED_KEYS} of them. Writing a page writes the same bytes too, and reading
 * one keeps the bytes it read.
 */
final class IndexKeyType extends ObjectDataType {

	static final int CACHED_KEYS = 20_000;

	/** ObjectDataType's tag for an object written with Java serialisation. */
	private static final byte SERIALIZED = 19;

	private final Map<Identity, byte[]> serialized = new LinkedHashMap<>(1024, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Identity, byte[]> eldest) {
			return size() > CACHED_KEYS;
		}

	};

	@Override
	public int compare(Object a, Object b) {
		if (a == b) {
			return 0;
		}
		if (a instanceof KeyValue && b instanceof KeyValue) {
			// What ObjectDataType does for two objects that are not Comparable.
			return compareNotNull(bytes(a), bytes(b));
		}
		return super.compare(a, b);
	}

	@Override
	public void write(WriteBuffer buffer, Object key) {
		if (!(key instanceof KeyValue)) {
			super.write(buffer, key);
			return;
		}
		// Exactly what ObjectDataType writes for an object it serialises.
		byte[] bytes = bytes(key);
		buffer.put(SERIALIZED).putVarInt(bytes.length).put(bytes);
	}

	@Override
	public Object read(ByteBuffer buffer) {
		if (buffer.get(buffer.position()) != SERIALIZED) {
			return super.read(buffer);
		}
		buffer.get();
		byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
		buffer.get(bytes);
		Object key = deserialize(bytes);
		if (key instanceof KeyValue) {
			// Read from a page: compared soon, and these are its bytes.
			remember(key, bytes);
		}
		return key;
	}

	private void remember(Object key, byte[] bytes) {
		synchronized (this.serialized) {
			this.serialized.put(new Identity(key), bytes);
		}
	}

	private byte[] bytes(Object key) {
		Identity identity = new Identity(key);
		synchronized (this.serialized) {
			byte[] bytes = this.serialized.get(identity);
			if (bytes != null) {
				return bytes;
			}
		}
		byte[] bytes = serialize(key);
		remember(key, bytes);
		return bytes;
	}

	/** A key compared by identity: equal keys may still serialise differently. */
	private record Identity(Object key) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Identity identity && identity.key == this.key;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.key);
		}

	}

}
