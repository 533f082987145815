package io.infrapm.embedded;

import java.nio.ByteBuffer;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the on-disk store writes the documents of a collection: as BSON, the way MongoDB
 * itself stores them, instead of with Java serialization.
 * <p>
 * H2's default value type writes an object it has no format for with
 * {@code ObjectOutputStream}, so every commit serialised each document of every page it
 * wrote that way (a new stream, class descriptors and all), and estimating a document's
 * memory serialised it once more; profiling the local platform under load showed the
 * store spending most of its time there. A document is now written as a tag byte that
 * H2's own types never use, its length and its BSON bytes, encoded and decoded by the
 * server's own wire codec, so a document reads back exactly as a client would have sent
 * it. Everything else, and every value written by an earlier version of InfraPM, is read
 * and written by H2's type as before: existing store files stay readable, and values are
 * never compared, so the order of the maps does not change.
 */
class BsonDocumentType extends ObjectDataType {

	/** Above every tag {@link ObjectDataType} writes (the highest is 119). */
	static final byte BSON_DOCUMENT = 127;

	@Override
	public void write(WriteBuffer buffer, Object value) {
		if (!(value instanceof Document document)) {
			super.write(buffer, value);
			return;
		}
		ByteBuf bson = Unpooled.buffer(512);
		try {
			BsonEncoder.encodeDocument(document, bson);
			int length = bson.readableBytes();
			buffer.put(BSON_DOCUMENT).putVarInt(length);
			buffer.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
		}
		finally {
			bson.release();
		}
	}

	@Override
	public Object read(ByteBuffer buffer) {
		if (buffer.get(buffer.position()) != BSON_DOCUMENT) {
			return super.read(buffer);
		}
		buffer.get();
		byte[] bson = new byte[DataUtils.readVarInt(buffer)];
		buffer.get(bson);
		return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
	}

	@Override
	public int getMemory(Object value) {
		// H2's own estimate for an object it serialises is to serialise it. The cache
		// only needs an order of magnitude: a document's fields at a few dozen bytes
		// each.
		return (value instanceof Document document) ? 64 + 48 * fields(document) : super.getMemory(value);
	}

	private static int fields(Document document) {
		int fields = 0;
		for (Object value : document.values()) {
			fields += (value instanceof Document nested) ? 1 + fields(nested) : 1;
		}
		return fields;
	}

}
