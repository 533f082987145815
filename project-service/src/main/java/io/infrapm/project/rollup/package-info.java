/**
 * The portfolio at a glance: one small row per project (health colours, phase, next
 * milestone, earned value, top risk), kept from the project, its health and its signals
 * after every event about it, held in memory by each instance and answered from there:
 * the summary of everything the caller may see, and the rows, filtered, sorted and paged.
 */
package io.infrapm.project.rollup;
