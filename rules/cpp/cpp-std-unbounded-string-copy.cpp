#include <cstdio>
#include <cstring>
#include <string>

struct Record {
    char name[32];
    char line[128];
};

void fill(Record &r, const std::string &name, int id)
{
    // ruleid: cpp-std-unbounded-string-copy
    std::strcpy(r.name, name.c_str());
    // ruleid: cpp-std-unbounded-string-copy
    std::sprintf(r.line, "%d: %s", id, name.c_str());
    // ok: cpp-std-unbounded-string-copy
    std::sprintf(r.line, "%d", id);
    // ok: cpp-std-unbounded-string-copy
    std::strcpy(r.name, "anonymous");
}

void fill_safely(Record &r, const std::string &name, int id)
{
    // ok: cpp-std-unbounded-string-copy
    std::snprintf(r.line, sizeof r.line, "%d: %s", id, name.c_str());
    // ok: cpp-std-unbounded-string-copy
    std::strncpy(r.name, name.c_str(), sizeof r.name - 1);
    r.name[sizeof r.name - 1] = '\0';
}
