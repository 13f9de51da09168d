package io.creditdesk.intake.adapter;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;
import io.creditdesk.intake.IntakeErrorCode;
import io.creditdesk.intake.adapter.ChannelOrder.CustomerRef;
import io.creditdesk.intake.adapter.ChannelOrder.Line;

/**
 * X12 850 purchase orders as segment text: segments end with {@code ~}, elements are
 * separated by {@code *} (or by the separator an {@code ISA} envelope declares). One
 * transaction set per message. Read: {@code BEG} (BEG03 PO number, BEG05 date),
 * {@code CUR} (CUR02 currency, optional: the customer's credit currency applies without
 * it), {@code N1*BY} (N103 qualifier {@code 91}/{@code 92}/{@code ZZ}: N104 is the
 * external reference; {@code VA}/{@code TX}: N104 is the tax id) with an optional
 * {@code N4} (N404 country), {@code DTM*002} (requested delivery), {@code PO1} lines
 * (PO102 quantity, PO103 unit, PO104 unit price, PO106/PO107 id qualifier and item id),
 * {@code CTT} (CTT01 must equal the number of {@code PO1} lines) and {@code SE} (SE01
 * must equal the number of segments from ST to SE). Other segments are ignored; a segment
 * id holding a control character or an invisible formatting character is refused
 * ({@code CONTROL_CHARACTERS}, {@code segment <position in the message>}), never ignored.
 */
public class EdiPurchaseOrderAdapter implements ChannelAdapter {

	private static final Set<String> EXTERNAL_REF_QUALIFIERS = Set.of("91", "92", "ZZ");

	private static final Set<String> TAX_ID_QUALIFIERS = Set.of("VA", "TX");

	@Override
	public String orderNumberOf(String payload) {
		try {
			// Segment ids unchecked: a record refused for one is still keyed by its
			// order.
			return segments(payload, false).stream()
				.filter(segment -> "BEG".equals(segment[0]))
				.map(segment -> Fields.peek(element(segment, 3)))
				.findFirst()
				.orElse(null);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	@Override
	public ChannelOrder parse(String payload) {
		List<String[]> segments = segments(payload, true);
		int st = indexOf(segments, "ST", 0);
		if (st < 0) {
			throw Fields.malformed("noSt", "ST");
		}
		if (!"850".equals(element(segments.get(st), 1))) {
			throw CreditDeskException.refuse(IntakeErrorCode.UNSUPPORTED_TRANSACTION, "ST01",
					UserError.quoted(element(segments.get(st), 1)));
		}
		if (indexOf(segments, "ST", st + 1) >= 0) {
			throw Fields.malformed("secondSt", "ST");
		}
		int se = indexOf(segments, "SE", st);
		if (se < 0) {
			throw Fields.malformed("noSe", "SE");
		}
		checkCount("SE01", element(segments.get(se), 1), se - st + 1, IntakeErrorCode.SEGMENT_COUNT_MISMATCH);
		List<String[]> body = segments.subList(st + 1, se);

		String poNumber = null;
		LocalDate requested = null;
		LocalDate ordered = null;
		String currency = null;
		String externalRef = null;
		String taxId = null;
		String country = null;
		boolean inBuyer = false;
		Integer declaredLines = null;
		List<Line> lines = new ArrayList<>();
		for (String[] segment : body) {
			String id = segment[0];
			if (!Set.of("N2", "N3", "N4").contains(id)) {
				// N4 belongs to the buyer only while the N1*BY loop (N1, N2, N3, N4)
				// lasts.
				inBuyer = false;
			}
			switch (id) {
				case "BEG" -> {
					poNumber = Fields.orderNumber("BEG03", element(segment, 3));
					ordered = Fields.date("BEG05", element(segment, 5));
				}
				case "CUR" -> currency = Fields.optionalText("CUR02", element(segment, 2));
				case "N1" -> {
					if ("BY".equalsIgnoreCase(text("N101", element(segment, 1)))) {
						inBuyer = true;
						String qualifier = text("N103", element(segment, 3)).toUpperCase(Locale.ROOT);
						String value = Fields.requiredId("N104", element(segment, 4));
						if (EXTERNAL_REF_QUALIFIERS.contains(qualifier)) {
							externalRef = value;
						}
						else if (TAX_ID_QUALIFIERS.contains(qualifier)) {
							taxId = value;
						}
						else {
							throw Fields.malformed("buyerQualifier", "N103", UserError.quoted(element(segment, 3)));
						}
					}
				}
				case "N4" -> {
					if (inBuyer) {
						country = Fields.optionalText("N404", element(segment, 4));
					}
					inBuyer = false;
				}
				case "DTM" -> {
					if ("002".equals(text("DTM01", element(segment, 1)))) {
						requested = Fields.date("DTM02", element(segment, 2));
					}
				}
				case "PO1" -> lines.add(line(segment, lines.size() + 1));
				case "CTT" -> declaredLines = count("CTT01", element(segment, 1));
				default -> {
					// other segments (REF, PER, TD5, ...) do not change the credit
					// picture
				}
			}
		}
		if (poNumber == null) {
			throw Fields.required("BEG03");
		}
		if (externalRef == null && taxId == null) {
			throw Fields.required("N104");
		}
		if (taxId != null && country == null && taxId.trim().length() > 2 && Character.isLetter(taxId.trim().charAt(0))
				&& Character.isLetter(taxId.trim().charAt(1))) {
			// An EU VAT id carries its country: DE136695976 is German.
			country = taxId.trim().substring(0, 2);
		}
		if (declaredLines != null && declaredLines != lines.size()) {
			throw CreditDeskException.refuse(IntakeErrorCode.LINE_COUNT_MISMATCH, "CTT01", declaredLines, lines.size());
		}
		return new ChannelOrder(poNumber, new CustomerRef(externalRef, country, taxId), currency, null, requested,
				lines, ordered);
	}

	private static Line line(String[] segment, int number) {
		String field = "PO1[" + number + "]";
		String sku = null;
		for (int i = 6; i + 1 < segment.length && sku == null; i += 2) {
			sku = Fields.optionalId(String.format(Locale.ROOT, "%s.PO1%02d", field, i + 1), segment[i + 1]);
		}
		if (sku == null) {
			throw Fields.required(field + ".PO107");
		}
		return new Line(sku, Fields.quantity(field + ".PO102", element(segment, 2)),
				Fields.price(field + ".PO104", element(segment, 4)));
	}

	/**
	 * The segments of the message, each id trimmed and upper-cased; when {@code checked},
	 * a control character or invisible formatting character in an id is
	 * {@code CONTROL_CHARACTERS} naming the segment's position in the message
	 * ({@code segment 5}) and the character's position in the segment. Before, such an id
	 * made the segment unknown, so it was ignored unseen (a lost {@code CUR} or
	 * {@code PO1}), or the character at its end was trimmed away.
	 */
	private static List<String[]> segments(String payload, boolean checked) {
		if (payload == null || payload.isBlank()) {
			throw Fields.malformed("empty", null);
		}
		String text = payload.strip();
		String separator = "*";
		if (text.startsWith("ISA") && text.length() > 3) {
			separator = String.valueOf(text.charAt(3));
		}
		if (!text.contains("~")) {
			throw Fields.malformed("notX12", null);
		}
		List<String[]> segments = new ArrayList<>();
		for (String raw : text.split("~")) {
			String segment = raw.strip();
			if (!segment.isEmpty()) {
				String[] elements = segment.split(Pattern.quote(separator), -1);
				String id = elements[0].strip();
				if (checked) {
					// The segment is stripped: the id starts at its first character.
					Fields.controlCharacters("segment " + (segments.size() + 1), id, 1);
				}
				elements[0] = id.trim().toUpperCase(Locale.ROOT);
				segments.add(elements);
			}
		}
		return segments;
	}

	private static int indexOf(List<String[]> segments, String id, int from) {
		for (int i = from; i < segments.size(); i++) {
			if (segments.get(i)[0].equals(id)) {
				return i;
			}
		}
		return -1;
	}

	private static String element(String[] segment, int index) {
		return (index < segment.length) ? segment[index] : null;
	}

	/**
	 * A qualifier or code element: trimmed, "" when blank; a control character in it is
	 * refused as in every text ({@link Fields#optionalText}).
	 */
	private static String text(String field, String value) {
		String text = Fields.optionalText(field, value);
		return (text != null) ? text : "";
	}

	private static int count(String field, String value) {
		String text = Fields.requiredText(field, value);
		if (!text.matches("\\d{1,6}")) {
			throw Fields.malformed("notCount", field, UserError.quoted(value));
		}
		return Integer.parseInt(text);
	}

	private static void checkCount(String field, String value, int actual, IntakeErrorCode code) {
		int declared = count(field, value);
		if (declared != actual) {
			throw CreditDeskException.refuse(code, field, declared, actual);
		}
	}

}
