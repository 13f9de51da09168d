package io.creditdesk.intake;

import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.intake.TransientFailurePolicy.Verdict;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.mapping.MappingException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import tools.jackson.core.exc.StreamConstraintsException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures are retried: only the ones known to be transient; every other is
 * dead-lettered at once.
 */
class TransientFailurePolicyTests {

	private static final ServerAddress SERVER = new ServerAddress("127.0.0.1", 27017);

	static Stream<Arguments> failures() {
		return Stream.of(
				// the store or the broker away or slow
				row(new MongoTimeoutException("no server selected"), Verdict.TRANSIENT),
				row(new MongoSocketReadException("connection reset", SERVER), Verdict.TRANSIENT),
				row(new DataAccessResourceFailureException("store down", new MongoSocketReadException("x", SERVER)),
						Verdict.TRANSIENT),
				row(new QueryTimeoutException("slow"), Verdict.TRANSIENT),
				row(new OptimisticLockingFailureException("changed meanwhile"), Verdict.TRANSIENT),
				row(new NotLeaderOrFollowerException("leader moved"), Verdict.TRANSIENT),
				row(new UnknownTopicOrPartitionException("metadata not there yet"), Verdict.TRANSIENT),
				row(new KafkaException("send failed", new ExecutionException(new TimeoutException("expired"))),
						Verdict.TRANSIENT),
				row(new IllegalStateException("wrapped by the gateway", new ConnectException("refused")),
						Verdict.TRANSIENT),
				row(new ListenerExecutionFailedException("listener failed", new MongoTimeoutException("x")),
						Verdict.TRANSIENT),
				row(labelled("RetryableWriteError"), Verdict.TRANSIENT),
				row(new InterruptedException("shutting down"), Verdict.TRANSIENT),
				// answers, not outages
				row(new CreditDeskException(IntakeErrorCode.UNKNOWN_CUSTOMER, "customer", "no such customer"),
						Verdict.PERMANENT),
				row(new CreditDeskException(IntakeErrorCode.GATEWAY_UNAVAILABLE, null, "wraps a timeout") {
					{
						initCause(new MongoTimeoutException("x"));
					}
				}, Verdict.PERMANENT),
				row(new ListenerExecutionFailedException("listener failed",
						new CreditDeskException(CommonErrorCode.AMOUNT_OUT_OF_RANGE, "lines[0].unitPrice",
								"too large")),
						Verdict.PERMANENT),
				// the observed poison pill: an amount Decimal128 cannot hold exactly
				row(new MappingException("cannot write", new NumberFormatException(
						"Conversion to Decimal128 would require inexact rounding of 1234567890123456789012345678901234567890.00")),
						Verdict.PERMANENT),
				row(new ConversionFailedException(TypeDescriptor.valueOf(String.class),
						TypeDescriptor.valueOf(Long.class), "1e400", new NumberFormatException("1e400")),
						Verdict.PERMANENT),
				row(new ArithmeticException("Overflow"), Verdict.PERMANENT),
				row(new IllegalStateException("Simulated: the exposure store is unavailable"), Verdict.PERMANENT),
				row(new UnsupportedOperationException("nobody expected this"), Verdict.PERMANENT),
				row(new NullPointerException(), Verdict.PERMANENT),
				row(new StreamConstraintsException("number too long"), Verdict.PERMANENT),
				row(new DataIntegrityViolationException("duplicate key"), Verdict.PERMANENT),
				row(new RecordTooLargeException("too large for the broker"), Verdict.PERMANENT),
				row(new MongoCommandException(BsonDocument.parse("{ok: 0, code: 2, errmsg: 'bad value'}"), SERVER),
						Verdict.PERMANENT),
				row(new StackOverflowError(), Verdict.PERMANENT));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("failures")
	void classifies(Throwable failure, Verdict expected) {
		assertThat(TransientFailurePolicy.standard().classify(failure)).isEqualTo(expected);
		assertThat(TransientFailurePolicy.standard().isTransient(failure)).isEqualTo(expected == Verdict.TRANSIENT);
	}

	@Test
	void aCauseLoopEnds() {
		Throwable loop = new RuntimeException("outer");
		Throwable inner = new RuntimeException("inner", loop);
		loop.initCause(inner);
		assertThat(TransientFailurePolicy.standard().classify(loop)).isEqualTo(Verdict.PERMANENT);
	}

	private static Arguments row(Throwable failure, Verdict verdict) {
		return Arguments.of(failure, verdict);
	}

	private static MongoException labelled(String label) {
		MongoException failure = new MongoException("write interrupted by a failover");
		failure.addLabel(label);
		return failure;
	}

}
