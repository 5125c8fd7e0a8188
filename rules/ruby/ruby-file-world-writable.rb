require "fileutils"

def prepare_uploads(dir)
  # ruleid: ruby-file-world-writable
  FileUtils.mkdir_p(dir, mode: 0o777)
  # ruleid: ruby-file-world-writable
  File.chmod(0666, File.join(dir, "index.json"))
  # ruleid: ruby-file-world-writable
  FileUtils.chmod("a+w", File.join(dir, "queue"))
  # ok: ruby-file-world-writable
  FileUtils.mkdir_p(dir, mode: 0o750)
  # ok: ruby-file-world-writable
  File.chmod(0o640, File.join(dir, "index.json"))
  # ok: ruby-file-world-writable
  FileUtils.chmod("u+x", File.join(dir, "run.sh"))
end
