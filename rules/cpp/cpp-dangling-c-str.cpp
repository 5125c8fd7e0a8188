#include <fcntl.h>
#include <string>
#include <string_view>

struct Config {
    std::string dir;
    const char *log_path;
};

int open_log(Config &cfg, const std::string &name)
{
    // ruleid: cpp-dangling-c-str
    const char *path = (cfg.dir + "/" + name + ".log").c_str();
    return open(path, O_WRONLY | O_APPEND);
}

void remember(Config &cfg, int id)
{
    // ruleid: cpp-dangling-c-str
    cfg.log_path = std::to_string(id).c_str();
}

const char *extension(const std::string &file)
{
    // ruleid: cpp-dangling-c-str
    return file.substr(file.rfind('.') + 1).c_str();
}

std::string_view greeting(const std::string &user)
{
    // ruleid: cpp-dangling-c-str
    std::string_view view = "hello " + user;
    return view;
}

int open_log_safely(Config &cfg, const std::string &name)
{
    // ok: cpp-dangling-c-str
    std::string path = cfg.dir + "/" + name + ".log";
    // ok: cpp-dangling-c-str
    return open(path.c_str(), O_WRONLY | O_APPEND);
}

int open_inline(Config &cfg, const std::string &name)
{
    // ok: cpp-dangling-c-str
    return open((cfg.dir + "/" + name).c_str(), O_RDONLY);
}

std::string extension_safely(const std::string &file)
{
    // ok: cpp-dangling-c-str
    return file.substr(file.rfind('.') + 1);
}

void prefix(std::string_view &out)
{
    // ok: cpp-dangling-c-str
    std::string_view fixed = "hello ";
    out = fixed;
}
