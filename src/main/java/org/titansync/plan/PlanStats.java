package org.titansync.plan;

import java.util.Map;

/**
 * Figures about the file and Titan that the guardrails and the reports use.
 *
 * @param dataRows rows in the file
 * @param persons people in the file after merging
 * @param managedUsers Titan users with an external_id
 * @param managedMemberships memberships held by managed users
 * @param managedMembersBySite site name -> managed members there now
 * @param fileMembersBySite site name -> people the file puts there (known sites only)
 */
public record PlanStats(
    int dataRows,
    int persons,
    int managedUsers,
    int managedMemberships,
    Map<String, Integer> managedMembersBySite,
    Map<String, Integer> fileMembersBySite) {}
