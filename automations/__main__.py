from automations.cli import main

main()
