/** Screen names of the organisation's small vocabularies, in the user's language. */
import { m } from '$lib/paraglide/messages';
import type { TaskForceMember, WindowKind } from '$lib/schemas';

export const bodyLabel = (body: TaskForceMember['body']) =>
	({
		'leading-group': m.body_leading_group,
		'task-force': m.body_task_force,
		office: m.body_office
	})[body]();

export const roleLabel = (role: TaskForceMember['role']) =>
	({
		leader: m.tf_role_leader,
		'deputy-leader': m.tf_role_deputy_leader,
		member: m.tf_role_member,
		liaison: m.tf_role_liaison,
		director: m.tf_role_director,
		'deputy-director': m.tf_role_deputy_director
	})[role]();

export const kindLabel = (kind: WindowKind) =>
	({
		comprehensive: m.kind_comprehensive,
		'public-service': m.kind_public_service,
		consultation: m.kind_consultation,
		fee: m.kind_fee,
		certificate: m.kind_certificate
	})[kind]();

/** 组长, 副组长, 成员, 联络员 for the group and the task force; 主任, 副主任, 成员 for the office. */
export const rolesOf: Record<TaskForceMember['body'], TaskForceMember['role'][]> = {
	'leading-group': ['leader', 'deputy-leader', 'member', 'liaison'],
	'task-force': ['leader', 'deputy-leader', 'member', 'liaison'],
	office: ['director', 'deputy-director', 'member']
};
