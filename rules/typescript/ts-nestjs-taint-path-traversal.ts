import { BadRequestException, Controller, Delete, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import * as fs from 'fs';
import * as path from 'path';

const FILES = '/srv/files';

@Controller('files')
export class FilesController {
  @Get(':name')
  get(@Param('name') name: string, @Res() res: Response) {
    // ruleid: ts-nestjs-taint-path-traversal
    return res.sendFile(path.join(FILES, name));
  }

  @Get('safe/:name')
  getSafe(@Param('name') name: string, @Res() res: Response) {
    // ok: ts-nestjs-taint-path-traversal
    return res.sendFile(path.join(FILES, path.basename(name)));
  }

  @Get('checked/:name')
  getChecked(@Param('name') name: string, @Res() res: Response) {
    const full = path.resolve(FILES, name);
    if (!full.startsWith(FILES + path.sep)) {
      throw new BadRequestException('bad path');
    }
    // ok: ts-nestjs-taint-path-traversal
    return res.sendFile(full);
  }

  @Get()
  async read(@Query('file') file: string) {
    // ruleid: ts-nestjs-taint-path-traversal
    return fs.promises.readFile(`${FILES}/${file as string}`, 'utf8');
  }

  @Delete(':name')
  remove(@Param('name') name: string) {
    // ruleid: ts-nestjs-taint-path-traversal
    fs.unlinkSync(path.join(FILES, name));
  }

  cleanup(name: string) {
    // ok: ts-nestjs-taint-path-traversal
    fs.unlinkSync(path.join(FILES, name));
  }
}
