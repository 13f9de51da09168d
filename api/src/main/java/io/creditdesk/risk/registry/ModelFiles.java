package io.creditdesk.risk.registry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import io.creditdesk.scoring.intake.ModelIntake;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Model files in GridFS (a model may be larger than a document may be). Bytes are read
 * back and hashed: a version is ready only when what the store holds has the SHA-256 the
 * upload had.
 */
@Component
class ModelFiles {

	private final GridFSBucket bucket;

	ModelFiles(MongoTemplate mongo) {
		this.bucket = GridFSBuckets.create(mongo.getDb(), "model_files");
	}

	/** Stores {@code bytes} and returns the file's id once they read back unchanged. */
	String store(String filename, byte[] bytes, String sha256) {
		ObjectId id = this.bucket.uploadFromStream(filename, new ByteArrayInputStream(bytes));
		byte[] stored = read(id.toHexString());
		if (!ModelIntake.sha256(stored).equals(sha256)) {
			this.bucket.delete(id);
			throw new IllegalStateException("the model file read back from the store does not have the SHA-256 "
					+ sha256 + " it was written with");
		}
		return id.toHexString();
	}

	byte[] read(String fileId) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.bucket.downloadToStream(new ObjectId(fileId), out);
		return out.toByteArray();
	}

}
