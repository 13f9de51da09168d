package io.creditdesk.risk.registry;

import java.util.regex.Pattern;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.UserError;

/**
 * A segment as jobs and distributions take it: a taxonomy code, as customers carry it.
 */
public final class Segments {

	private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_]{1,40}");

	private Segments() {
	}

	/**
	 * The trimmed segment code.
	 * @throws CreditDeskException {@code INVALID_CODE} when it is not 1 to 40 letters,
	 * digits or underscores
	 */
	public static String check(String field, String segment) {
		String code = segment.trim();
		if (!CODE.matcher(code).matches()) {
			throw CreditDeskException.refuse(CommonErrorCode.INVALID_CODE.variant("segment"), field,
					new MessageCatalogue.Quoted(segment));
		}
		return code;
	}

}
