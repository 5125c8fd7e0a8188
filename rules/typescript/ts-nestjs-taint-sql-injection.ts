import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { InjectRepository } from '@nestjs/typeorm';
import { User } from './user.entity';

class SearchDto {
  name!: string;
  sort?: string;
}

@Controller('users')
export class UsersController {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  @Get('search')
  async search(@Query('q') q: string) {
    // ruleid: ts-nestjs-taint-sql-injection
    return this.dataSource.query(`SELECT id, name FROM users WHERE name LIKE '%${q}%'`);
  }

  @Get('search-safe')
  async searchSafe(@Query('q') q: string) {
    // ok: ts-nestjs-taint-sql-injection
    return this.dataSource.query('SELECT id, name FROM users WHERE name LIKE $1', [`%${q}%`]);
  }

  @Get(':id')
  async byId(@Param('id', ParseIntPipe) id: number) {
    // ok: ts-nestjs-taint-sql-injection
    return this.dataSource.query(`SELECT * FROM users WHERE id = ${id}`);
  }

  @Get(':id/raw')
  async byIdRaw(@Param('id') id: string) {
    const sql = 'SELECT * FROM users WHERE id = ' + (id as string);
    // ruleid: ts-nestjs-taint-sql-injection
    return this.dataSource.query(sql);
  }

  @Post('filter')
  async filter(@Body() dto: SearchDto) {
    const qb = this.users.createQueryBuilder('user');
    // ok: ts-nestjs-taint-sql-injection
    qb.where('user.name = :name', { name: dto.name });
    // ruleid: ts-nestjs-taint-sql-injection
    qb.orderBy(`user.${dto.sort}`);
    return qb.getMany();
  }

  listAll(limit: string) {
    // ok: ts-nestjs-taint-sql-injection
    return this.dataSource.query(`SELECT * FROM users LIMIT ${limit}`);
  }
}
