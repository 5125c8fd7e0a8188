import { Request, Response } from 'express';
import { AppDataSource } from './data-source';
import { User } from './entity/User';
import { Post } from './entity/Post';

const SORT_COLUMNS: Record<string, string> = { newest: 'post.createdAt', title: 'post.title' };

export async function findUser(req: Request, res: Response): Promise<void> {
  const email = req.query.email as string;
  const user = await AppDataSource.getRepository(User)
    .createQueryBuilder('user')
    .where(`user.email = '${email}'`) // ruleid: ts-typeorm-querybuilder-sql-injection
    .getOne();
  res.json(user);
}

export async function searchPosts(author: string, tag: string): Promise<Post[]> {
  return AppDataSource.getRepository(Post)
    .createQueryBuilder('post')
    .leftJoinAndSelect('post.tags', 'tag', "tag.name = '" + tag + "'") // ruleid: ts-typeorm-querybuilder-sql-injection
    .where('post.published = :published', { published: true })
    .andWhere('post.author LIKE ' + `'%${author}%'`) // ruleid: ts-typeorm-querybuilder-sql-injection
    .getMany();
}

export async function findUserSafe(req: Request, res: Response): Promise<void> {
  const email = String(req.query.email);
  const sort = SORT_COLUMNS[String(req.query.sort)] ?? 'post.createdAt';
  const user = await AppDataSource.getRepository(User)
    .createQueryBuilder('user')
    .where('user.email = :email', { email }) // ok: ts-typeorm-querybuilder-sql-injection
    .andWhere('user.deletedAt IS NULL') // ok: ts-typeorm-querybuilder-sql-injection
    .leftJoinAndSelect('user.posts', 'post', 'post.published = :p', { p: true }) // ok: ts-typeorm-querybuilder-sql-injection
    .orderBy(sort, 'DESC')
    .getOne();
  // ok: ts-typeorm-querybuilder-sql-injection
  const admins = await AppDataSource.getRepository(User).find({ where: { role: 'admin' } });
  res.json({ user, admins });
}

export async function countByStatus(status: string): Promise<number> {
  const qb = AppDataSource.getRepository(Post).createQueryBuilder('post');
  // ruleid: ts-typeorm-querybuilder-sql-injection
  qb.where("post.status = '" + status + "'");
  return qb.getCount();
}
