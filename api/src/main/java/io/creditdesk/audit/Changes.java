package io.creditdesk.audit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.creditdesk.audit.AuditRecord.FieldChange;

/** Collects the values a change actually altered, before and after. */
public final class Changes {

	private final List<FieldChange> changes = new ArrayList<>();

	public Changes diff(String field, Object before, Object after) {
		String b = render(before);
		String a = render(after);
		if (!Objects.equals(b, a)) {
			this.changes.add(new FieldChange(field, b, a));
		}
		return this;
	}

	/** Records a value as set (creation), even though there was nothing before. */
	public Changes set(String field, Object value) {
		String a = render(value);
		if (a != null) {
			this.changes.add(new FieldChange(field, null, a));
		}
		return this;
	}

	public boolean isEmpty() {
		return this.changes.isEmpty();
	}

	/** Whether any of these fields changed. */
	public boolean touches(String... fields) {
		for (FieldChange change : this.changes) {
			for (String field : fields) {
				if (change.field().equals(field)) {
					return true;
				}
			}
		}
		return false;
	}

	public List<FieldChange> toList() {
		return List.copyOf(this.changes);
	}

	private static String render(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		return value.toString();
	}

}
