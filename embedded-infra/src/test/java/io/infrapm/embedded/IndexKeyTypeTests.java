package io.infrapm.embedded;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Index keys keep the order H2 gave them, so indexes already in a store file are found.
 */
class IndexKeyTypeTests {

	@Test
	void ordersIndexKeysExactlyAsH2sOwnTypeDoes() {
		Random random = new Random(42);
		List<KeyValue> keys = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			keys.add(switch (i % 4) {
				case 0 -> new KeyValue(UUID.randomUUID());
				case 1 -> new KeyValue("DC-" + random.nextInt(1000));
				case 2 -> new KeyValue((double) random.nextInt(50));
				default -> new KeyValue("P-" + random.nextInt(100), (double) random.nextInt(3));
			});
		}
		ObjectDataType h2 = new ObjectDataType();
		IndexKeyType cached = new IndexKeyType();
		for (int round = 0; round < 2; round++) {
			for (KeyValue a : keys) {
				for (KeyValue b : keys.subList(0, 60)) {
					assertThat(Integer.signum(cached.compare(a, b))).as("%s vs %s", a, b)
						.isEqualTo(Integer.signum(h2.compare(a, b)));
				}
			}
		}
		assertThat(cached.compare(new KeyValue("DC-1"), new KeyValue("DC-1"))).as("equal keys, other instances")
			.isZero();
	}

	@Test
	void writesAndReadsIndexKeysByteForByteAsH2sOwnTypeDoes() {
		ObjectDataType h2 = new ObjectDataType();
		IndexKeyType cached = new IndexKeyType();
		for (Object key : List.of(new KeyValue(UUID.randomUUID()), new KeyValue("DC-7", 3.0), "plain", 42L)) {
			WriteBuffer ours = new WriteBuffer();
			cached.write(ours, key);
			WriteBuffer theirs = new WriteBuffer();
			h2.write(theirs, key);
			assertThat(bytes(ours)).as("%s", key).isEqualTo(bytes(theirs));
			ByteBuffer read = ByteBuffer.wrap(bytes(theirs));
			assertThat(cached.read(read)).isEqualTo(key);
			assertThat(read.hasRemaining()).isFalse();
		}
	}

	private static byte[] bytes(WriteBuffer buffer) {
		ByteBuffer written = buffer.getBuffer().duplicate().flip();
		byte[] bytes = new byte[written.remaining()];
		written.get(bytes);
		return bytes;
	}

}
