/**
 * A project's computed, explainable health: RAG colours for schedule, cost, scope and
 * risk, judged by versioned rules from the project's own facts and from what risk- and
 * budget-service publish, each colour with the facts and the rule behind it; manual
 * overrides beside the computed colours; and the history of every change, which answers
 * as the health stood on an earlier day.
 */
package io.infrapm.project.health;
