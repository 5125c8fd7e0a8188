from prescan.cli.main import main

main()
