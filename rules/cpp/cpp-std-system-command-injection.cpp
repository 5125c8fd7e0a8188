#include <cstdlib>
#include <string>

#define RESTART_CMD "systemctl restart worker"

int render_pdf(const std::string &input, const std::string &output)
{
    std::string cmd = "wkhtmltopdf " + input + " " + output;
    // ruleid: cpp-std-system-command-injection
    return std::system(cmd.c_str());
}

int ping(const std::string &host)
{
    // ruleid: cpp-std-system-command-injection
    return std::system(("ping -c 1 " + host).c_str());
}

int restart()
{
    // ok: cpp-std-system-command-injection
    std::system("systemctl restart worker");
    // ok: cpp-std-system-command-injection
    return std::system(RESTART_CMD);
}
