package io.creditdesk.customer;

/**
 * Published after a customer joined, left or changed its credit group (its
 * {@code parentId}). The change is also kept on the customer's document, written with it,
 * until the group figures have followed it ({@code groupChanges}), so that it is followed
 * even when the process stops before this event is handled.
 *
 * @param previousParentId the parent before the change, null when it was in no group
 * @param parentId the parent now, null when it left its group
 */
public record CustomerGroupChanged(String customerId, String previousParentId, String parentId) {
}
