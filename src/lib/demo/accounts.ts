/**
 * Log-ins the server seeds for the demo, one per role. Display names say which part they play;
 * the seeder sets the passwords.
 */
import type { Role } from '$lib/schemas';

export interface DemoAccount {
	username: string;
	name: string;
	role: Role;
	/** For a clerk: the department whose appointment ledger they keep. */
	departmentId?: string;
}

export const demoAccounts: readonly DemoAccount[] = [
	{ username: 'manager', name: '大厅负责人（演示）', role: 'manager' },
	{ username: 'duty', name: '值班负责人（演示）', role: 'duty' },
	{ username: 'clerk', name: '不动产预约专人（演示）', role: 'clerk', departmentId: 'dept-estate' },
	{ username: 'viewer', name: '会议查看（演示）', role: 'viewer' },
	{ username: 'admin', name: '系统管理员（演示）', role: 'admin' },
	{ username: 'district', name: '区政务服务管理办公室（演示）', role: 'district' }
];
