/**
 * Bringing a model in from bytes, as the service's model registry receives it:
 * {@link io.creditdesk.scoring.intake.ModelIntake} hashes the file, checks every class it
 * names against an allow-list before anything is deserialized, loads it and accepts it
 * only as a binary classifier with probabilities, trained with this feature-definition
 * version and its features, with a matching model card when one comes along. Every
 * refusal is a stable {@link io.creditdesk.scoring.intake.RefusalCode} with a sentence a
 * person understands.
 */
package io.creditdesk.scoring.intake;
