package io.creditdesk.scoring.data;

import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.MonthlyStatement;
import io.creditdesk.scoring.history.PaymentHistory;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns invoice-level data into the monthly statements the model reads, <b>as known on an as-of date T</b>, and
 * derives the label from what happened in the months after T.
 * <p>
 * Month m (0 = most recent) covers [T - (m+1) months, T - m months). For each month, with only facts dated before
 * the month's end:
 * <ul>
 *   <li>{@code billed}: amount of invoices issued before the month end and not settled before it (the balance);</li>
 *   <li>{@code paid}: amounts settled during the month;</li>
 *   <li>{@code delayStatus}: the most days past due any invoice reached during the month (at its settlement, or at
 *       the month end T - m months while still open), in 30-day buckets 1..9; otherwise 0 if something is open at month end,
 *       -1 if the month only saw payments, -2 if nothing happened (the UCI convention);</li>
 *   <li>{@code creditLimit}: the latest limit recorded on the customer's invoices issued before T, or when there is
 *       none, the highest month-end balance of the history (a proxy: utilization then peaks at 1).</li>
 * </ul>
 * <b>Leakage rules.</b> A settlement on or after T is invisible (the invoice counts as open), and {@code disputed} is
 * never read: it is only known once the invoice is settled. Customers need at least
 * {@link PaymentHistory#MIN_MONTHS} months of history before T (counted from their first invoice); at most
 * {@link Options#historyMonths()} are used. Customers with less are left out: there is nothing to score them on.
 * <p>
 * <b>Label.</b> 1 when, in the window (T, T + horizon], an invoice is or becomes {@code seriousDaysLate} days past
 * due while unpaid, or is closed with less than half of it paid (a write-off).
 */
public final class InvoiceAggregator {

    /** Below this share paid, a closed invoice counts as a write-off in the label. */
    static final double WRITE_OFF_SHARE = 0.5;

    private InvoiceAggregator() {
    }

    /**
     * Aggregation settings.
     *
     * @param asOf            the as-of date T, or null for the default of the call ({@link #labeled} and
     *                        {@link #histories} differ, see there)
     * @param historyMonths   at most this many months of history (6-12)
     * @param horizonMonths   length of the outcome window after T, in months
     * @param seriousDaysLate days past due that count as serious delinquency in the label
     */
    public record Options(LocalDate asOf, int historyMonths, int horizonMonths, int seriousDaysLate) {

        public Options {
            if (historyMonths < PaymentHistory.MIN_MONTHS || historyMonths > PaymentHistory.MAX_MONTHS) {
                throw new IllegalArgumentException("history months must be " + PaymentHistory.MIN_MONTHS + " to "
                        + PaymentHistory.MAX_MONTHS + ", was " + historyMonths);
            }
            if (horizonMonths < 1 || horizonMonths > 24) {
                throw new IllegalArgumentException("horizon months must be 1 to 24, was " + horizonMonths);
            }
            if (seriousDaysLate < 1) {
                throw new IllegalArgumentException("serious days late must be at least 1, was " + seriousDaysLate);
            }
        }

        /** No as-of date (the call's default), 12 months of history, a 3-month horizon, 60 days. */
        public static Options defaults() {
            return new Options(null, PaymentHistory.MAX_MONTHS, 3, 60);
        }

        public Options withAsOf(LocalDate date) {
            return new Options(date, historyMonths, horizonMonths, seriousDaysLate);
        }
    }

    /**
     * Labelled histories for training and evaluation. Without an as-of date, T is the first day of the latest
     * invoice's month minus the horizon, so that the whole outcome window lies inside the data.
     */
    public static List<LabeledHistory> labeled(List<Invoice> invoices, Options options) {
        LocalDate asOf = options.asOf() != null ? options.asOf() : trainingAsOf(invoices, options.horizonMonths());
        List<LabeledHistory> out = new ArrayList<>();
        byCustomer(invoices).forEach((customer, own) -> {
            PaymentHistory h = history(customer, own, asOf, options.historyMonths());
            if (h != null) {
                out.add(new LabeledHistory(h, label(own, asOf, options.horizonMonths(), options.seriousDaysLate())));
            }
        });
        return out;
    }

    /**
     * Histories for scoring, one per customer with enough history. Without an as-of date, T is the first day of the
     * month after the latest invoice: everything known counts.
     */
    public static List<PaymentHistory> histories(List<Invoice> invoices, Options options) {
        LocalDate asOf = options.asOf() != null ? options.asOf() : scoringAsOf(invoices);
        List<PaymentHistory> out = new ArrayList<>();
        byCustomer(invoices).forEach((customer, own) -> {
            PaymentHistory h = history(customer, own, asOf, options.historyMonths());
            if (h != null) {
                out.add(h);
            }
        });
        return out;
    }

    /** The default as-of date for training: first day of the latest invoice's month, minus the horizon. */
    public static LocalDate trainingAsOf(List<Invoice> invoices, int horizonMonths) {
        return latestInvoiceDate(invoices).withDayOfMonth(1).minusMonths(horizonMonths);
    }

    /** The default as-of date for scoring: first day of the month after the latest invoice. */
    public static LocalDate scoringAsOf(List<Invoice> invoices) {
        return latestInvoiceDate(invoices).withDayOfMonth(1).plusMonths(1);
    }

    private static LocalDate latestInvoiceDate(List<Invoice> invoices) {
        return invoices.stream().map(Invoice::invoiceDate).max(LocalDate::compareTo)
                .orElseThrow(() -> new IllegalArgumentException("no invoices: cannot choose an as-of date"));
    }

    /** Groups by customer, in order of first appearance (so output follows the input file). */
    private static Map<String, List<Invoice>> byCustomer(List<Invoice> invoices) {
        Map<String, List<Invoice>> map = new LinkedHashMap<>();
        for (Invoice i : invoices) {
            map.computeIfAbsent(i.customerId(), k -> new ArrayList<>()).add(i);
        }
        return map;
    }

    /**
     * One customer's history as known on {@code asOf}, or null when the customer has fewer than
     * {@link PaymentHistory#MIN_MONTHS} months of history before it.
     */
    static PaymentHistory history(String customer, List<Invoice> invoices, LocalDate asOf, int maxMonths) {
        // Only invoices issued before T exist as of T.
        List<Invoice> known = invoices.stream().filter(i -> i.invoiceDate().isBefore(asOf)).toList();
        if (known.isEmpty()) {
            return null;
        }
        LocalDate first = known.stream().map(Invoice::invoiceDate).min(LocalDate::compareTo).orElseThrow();
        int months = 1;
        while (months < maxMonths && asOf.minusMonths(months).isAfter(first)) {
            months++; // month `months - 1` starts after the first invoice: the history reaches further back
        }
        if (months < PaymentHistory.MIN_MONTHS) {
            return null;
        }
        double[] billed = new double[months];
        double[] paid = new double[months];
        int[] status = new int[months];
        double maxBalance = 0;
        for (int m = 0; m < months; m++) {
            LocalDate start = asOf.minusMonths(m + 1L);
            LocalDate end = asOf.minusMonths(m);
            long mostDaysLate = 0;
            boolean openAtEnd = false;
            boolean settlement = false;
            for (Invoice i : known) {
                if (!i.invoiceDate().isBefore(end) || i.settledBefore(start)) {
                    continue; // not issued yet, or closed before the month began
                }
                boolean settledInMonth = i.settledBefore(end);
                if (settledInMonth) {
                    paid[m] += i.paidAmount();
                    settlement = true;
                } else {
                    billed[m] += i.amount();
                    openAtEnd = true;
                }
                // Days past due reached in the month: at settlement, or at the (exclusive) month end while open, the
                // same instant at which the balance is taken.
                LocalDate last = settledInMonth ? i.settledDate() : end;
                mostDaysLate = Math.max(mostDaysLate, ChronoUnit.DAYS.between(i.dueDate(), last));
            }
            if (mostDaysLate > 0) {
                status[m] = MonthlyStatement.monthsPastDue(mostDaysLate);
            } else if (openAtEnd) {
                status[m] = MonthlyStatement.CURRENT;
            } else if (settlement) {
                status[m] = MonthlyStatement.PAID_IN_FULL;
            } else {
                status[m] = MonthlyStatement.NO_ACTIVITY;
            }
            maxBalance = Math.max(maxBalance, billed[m]);
        }
        double limit = creditLimit(known, maxBalance);
        List<MonthlyStatement> statements = new ArrayList<>(months);
        for (int m = 0; m < months; m++) {
            statements.add(new MonthlyStatement(limit, billed[m], paid[m], status[m]));
        }
        return new PaymentHistory(customer, segment(known), statements);
    }

    /** The latest limit recorded on an invoice (by invoice date; later rows win ties), else the proxy. */
    private static double creditLimit(List<Invoice> known, double maxBalance) {
        Invoice latest = null;
        for (Invoice i : known) {
            if (i.hasCreditLimit() && (latest == null || !i.invoiceDate().isBefore(latest.invoiceDate()))) {
                latest = i;
            }
        }
        return latest != null ? latest.creditLimit() : maxBalance;
    }

    /** The segment of the customer's latest invoice that names one. */
    private static String segment(List<Invoice> known) {
        Invoice latest = null;
        for (Invoice i : known) {
            if (!i.segment().isEmpty() && (latest == null || !i.invoiceDate().isBefore(latest.invoiceDate()))) {
                latest = i;
            }
        }
        return latest == null ? "" : latest.segment();
    }

    /**
     * The label: in the outcome window (T, T + horizon] an invoice of the customer is, or becomes,
     * {@code seriousDays} or more days past due while unpaid, or is closed with less than half of it paid (a
     * write-off). Days past due count as in the statements (the window's end is day T + horizon, so an invoice
     * due 60 days before it is 60 days past due then). A settlement on T itself closes the invoice before the
     * window opens, so neither a payment nor a write-off on T counts.
     */
    static boolean label(List<Invoice> invoices, LocalDate asOf, int horizonMonths, int seriousDays) {
        Objects.requireNonNull(asOf, "asOf");
        LocalDate windowEnd = asOf.plusMonths(horizonMonths);
        for (Invoice i : invoices) {
            LocalDate serious = i.dueDate().plusDays(seriousDays);
            // The first day in the window on which the invoice is seriously late: unpaid then means settled later.
            LocalDate check = serious.isBefore(asOf) ? asOf : serious;
            boolean unpaidThen = i.settledDate() == null || i.settledDate().isAfter(check);
            if (!check.isAfter(windowEnd) && unpaidThen) {
                return true;
            }
            boolean closedInWindow = i.settledDate() != null && i.settledDate().isAfter(asOf)
                    && !i.settledDate().isAfter(windowEnd);
            if (closedInWindow && i.paidAmount() < WRITE_OFF_SHARE * i.amount()) {
                return true;
            }
        }
        return false;
    }
}
